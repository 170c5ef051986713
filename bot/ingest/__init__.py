"""Getting articles in: files, feeds, HTTP; cleaning page furniture out of them."""
