"""Short invented news stories for source tests (written for these tests, not real copy)."""

from __future__ import annotations

FERRY = ("Ferry crews in Tarnby walk out over rota changes",
         "Ferry crews on the Tarnby crossing stopped work on Tuesday morning after the operator "
         "introduced new rotas without consulting the union, leaving hundreds of commuters "
         "waiting on the quayside.\n\n"
         "\"We were told on Friday that our shifts would change on Monday. That is not how you "
         "treat people who have run this crossing for twenty years,\" said union organiser "
         "Maren Solberg.\n\n"
         "The operator, Tarnby Sound Lines, said the new rotas were needed to cover the summer "
         "timetable and that it had offered talks for Wednesday afternoon.\n\n"
         "The crossing normally carries about four thousand passengers a day. Buses were laid "
         "on along the coast road, adding roughly forty minutes to the journey.\n\n"
         "Local councillors called on both sides to return to the table before the weekend, "
         "when tourist traffic is expected to double.")

LIBRARY = ("Oldham Street library to reopen after roof repairs",
           "The Oldham Street library will reopen next month after eighteen months of repairs to "
           "its leaking roof, the city council announced on Thursday.\n\n"
           "\"Readers have been patient with us, and we are very glad to give them their library "
           "back,\" said council culture lead Priya Natarajan.\n\n"
           "The repairs cost 2.4 million pounds, about a third more than first estimated, after "
           "builders found rotten timbers under the slates.\n\n"
           "The library will open with longer evening hours and a new children's reading room "
           "on the ground floor, the council said.\n\n"
           "Staff who were moved to other branches during the works will return in the first "
           "week, and the mobile library van will keep its route until the end of the year.")

ORCHARD = ("Late frost damages half of Vellmar apple blossom",
           "A late frost on Sunday night damaged about half of the apple blossom in the Vellmar "
           "valley, growers said, raising fears of a thin harvest in the autumn.\n\n"
           "\"We lit fires between the rows all night and still lost most of the low branches,\" "
           "said grower Tomas Eberhardt, whose family has farmed the valley for four "
           "generations.\n\n"
           "Temperatures fell to minus four degrees shortly before dawn, the regional weather "
           "office said, the lowest reading for May in more than thirty years.\n\n"
           "The growers' cooperative said it would ask the regional government for emergency "
           "support if the damage was confirmed when the fruit sets in June.\n\n"
           "Cherry orchards higher up the valley flowered earlier and were largely spared.")

BRIDGE = ("Kessel bridge to close for three nights of inspections",
          "The Kessel bridge will close to traffic for three nights next week while engineers "
          "inspect cables that showed signs of corrosion last winter, the roads agency said.\n\n"
          "\"Safety comes first, and these inspections cannot be done with lorries going "
          "over the deck,\" said agency engineer Lotte Brandt.\n\n"
          "Drivers will be sent along the ring road between ten at night and five in the "
          "morning. Cyclists and pedestrians can still cross on the eastern footway.\n\n"
          "The agency said it would publish the inspection results before the end of the month "
          "and decide then whether longer closures were needed.\n\n"
          "Hauliers said the timing, just before the harvest season, was unfortunate but "
          "accepted that the work had to be done.")

ALL = (FERRY, LIBRARY, ORCHARD, BRIDGE)
