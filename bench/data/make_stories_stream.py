"""Builds stories_stream.jsonl: a labelled arrival-ordered stream of articles written for wirewatch.

Every text here was written for this benchmark (fictional people and companies in real places).
Variants are made from the written pieces: syndicated copies with page furniture, reordered
rewrites, and updates that repeat background and add new sentences. Run:
    python bench/data/make_stories_stream.py > bench/data/stories_stream.jsonl
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

START = datetime(2025, 3, 3, 6, 0)
FURNITURE = ["Share this article", "Advertisement", "Read more: Markets wrap", "Sign up for our newsletter"]

# Each story: (id, [pieces]); a piece is (kind, hours after the story starts, title, sentences, extra)
# kind: base (new), copy (duplicate of base), rewrite (duplicate, hand-written), reorder (duplicate,
# rewrite shuffled), update (base lead + some background + new sentences).
STORIES = {
    "nato-letter": {
        "start": 0,
        "base": ("Ukraine asks NATO allies for membership invitation before Brussels meeting", [
            "Ukrainian Foreign Minister Andrii Sybiha has asked NATO foreign ministers to invite Kyiv to join the alliance when they meet in Brussels next week, according to a letter seen by Wirewatch on Friday.",
            "The request is part of a plan President Volodymyr Zelenskiy presented to parliament last month to bring the war with Russia to an end.",
            "Kyiv accepts that it cannot become a member while fighting continues, but argues that an invitation now would show Moscow that it cannot block Ukraine's path to the alliance.",
            "\"An invitation is not an escalation; it is the clearest answer to the escalation we face every day,\" Sybiha wrote.",
            "Diplomats in Brussels said there was no consensus among the 32 allies, whose unanimous agreement is required.",
        ]),
        "rewrite": ("Kyiv pushes for NATO invite in letter to foreign ministers", [
            "In a letter to his NATO counterparts, Andrii Sybiha, Ukraine's foreign minister, urged them to issue Kyiv an invitation to join at their Brussels meeting next week.",
            "All 32 members of the alliance would have to agree, and diplomats said that consensus did not exist.",
            "Sybiha wrote that an invitation \"is not an escalation; it is the clearest answer to the escalation we face every day\".",
            "Ukraine acknowledges it cannot join while the war goes on, the letter said, but believes an invitation would prove to Moscow that it cannot veto Kyiv's route into the alliance.",
            "The appeal forms part of the plan to end the war with Russia that Zelenskiy laid out to lawmakers last month.",
        ]),
        "updates": [
            (30, "Zelenskiy says NATO invitation must cover all of Ukraine's territory", [
                "Zelenskiy told the BBC in an interview on Saturday that membership could help end the hot phase of the war, now in its 34th month.",
                "He said any invitation would have to recognise Ukraine's internationally recognised borders, even if the alliance's guarantees at first applied only to territory under Kyiv's control.",
            ]),
            (100, "NATO ministers end Brussels talks without Ukraine invitation", [
                "NATO foreign ministers ended two days of talks in Brussels on Wednesday without inviting Ukraine to join, with Germany and Hungary opposed to any date.",
                "\"The door is open, but today is not the day to walk through it,\" NATO Secretary General Liesbet Vandermeer told reporters.",
            ], [
                "Ukraine's foreign minister had written to his counterparts last week asking for an invitation.",
            ]),
        ],
    },
    "nato-airdefence": {
        "start": 20,
        "base": ("NATO allies pledge more air defence for Ukraine ahead of winter", [
            "NATO defence ministers meeting in Brussels pledged on Thursday to send Ukraine at least five more air defence systems before winter to protect its power grid from Russian missile strikes.",
            "Germany said it would deliver two IRIS-T batteries by the end of January, while the Netherlands and Norway offered to fund a third system.",
            "Ukraine's energy ministry says Russian strikes have knocked out about half of the country's generating capacity since March.",
            "\"Every system we send is a city that keeps its lights on,\" said Dutch Defence Minister Ruben Hoekstra.",
        ]),
        "rewrite": ("Five more air defence systems promised to Kyiv as NATO ministers meet", [
            "Ukraine will receive at least five additional air defence systems before winter, NATO defence ministers promised in Brussels on Thursday, as Kyiv tries to shield its electricity network from Russian missiles.",
            "Dutch Defence Minister Ruben Hoekstra said: \"Every system we send is a city that keeps its lights on.\"",
            "Berlin will supply two IRIS-T batteries by the end of January, and the Netherlands and Norway have offered to pay for a third.",
            "Russian attacks have destroyed roughly half of Ukraine's power generation capacity since March, according to its energy ministry.",
        ]),
        "updates": [
            (26, "Italy joins air defence pledge with SAMP/T battery for Ukraine", [
                "Italy said on Friday it would send a second SAMP/T battery to Ukraine, bringing the number of systems pledged this week to six.",
                "Italian Defence Minister Carla Benedetti said the battery would arrive in February, after crews finish training in Sicily.",
            ]),
        ],
    },
    "antwerp-strike": {
        "start": 4,
        "base": ("Dockworkers strike at Antwerp-Bruges over automation plans", [
            "Dockworkers at the port of Antwerp-Bruges began a 48-hour strike on Monday over plans to automate container handling at two terminals, halting most loading at Europe's second-busiest port.",
            "The BTB transport union said about 4,000 members had stopped work after talks with the employers' association broke down on Sunday.",
            "\"Our members are not against modern ports, but they will not be replaced by software without a say,\" said union national secretary Koen Verlinden.",
            "The employers' association CEPA said automation was needed to keep the port competitive with Rotterdam and Hamburg.",
            "Port authority spokesperson Ilse De Wit said ships were being asked to wait at anchor.",
        ]),
        "rewrite": ("Antwerp port strike halts container traffic", [
            "Around 4,000 dockworkers at Antwerp-Bruges stopped work on Monday at the start of a 48-hour strike against the automation of container handling at two terminals.",
            "The BTB transport union called the strike after negotiations with employers collapsed on Sunday.",
            "CEPA, which represents port employers, said automation was necessary for Antwerp to compete with Rotterdam and Hamburg.",
            "Ships have been told to wait at anchor, according to port authority spokesperson Ilse De Wit.",
            "\"Our members are not against modern ports, but they will not be replaced by software without a say,\" union national secretary Koen Verlinden said.",
        ]),
        "updates": [
            (26, "Antwerp strike leaves 60 ships waiting as minister calls for mediation", [
                "Port authority figures showed 60 vessels waiting at anchor off the Scheldt estuary by Tuesday morning, up from 25 on Monday.",
                "Belgian Labour Minister Pieter Janssens said he had asked both sides to accept a government mediator and that talks would resume on Thursday.",
                "\"A port that stands still costs this country tens of millions of euros a day,\" Janssens told VRT radio.",
            ]),
            (74, "Antwerp dockworkers end strike after jobs guarantee", [
                "The BTB union called off the strike on Thursday after employers agreed in mediation to guarantee all permanent jobs until 2031.",
                "\"We got the written guarantee we asked for, and our members will be back from tonight's shift,\" Verlinden said.",
            ], [
                "The stoppage had left dozens of ships waiting at anchor outside Europe's second-busiest port since Monday.",
            ]),
        ],
    },
    "hamburg-strike": {
        "start": 28,
        "base": ("Hamburg dockworkers stage warning strike over pay", [
            "Dockworkers at the port of Hamburg walked off the job for 24 hours on Wednesday in a warning strike over pay, the ver.di union said, halting work at the container terminals of HHLA and Eurogate.",
            "Ver.di is demanding a raise of 3 euros an hour for about 12,000 port workers in northern Germany.",
            "The employers' association ZDS called the strike disproportionate while talks were still under way.",
            "\"We will not let the profits of the shipping boom pass us by,\" ver.di negotiator Maren Schulte said.",
        ]),
        "rewrite": ("Warning strike halts Hamburg container terminals", [
            "Container terminals run by HHLA and Eurogate in Hamburg stood still on Wednesday as port workers held a 24-hour warning strike called by the ver.di union.",
            "The union wants an extra 3 euros an hour for roughly 12,000 dockworkers across northern Germany.",
            "Port employers' group ZDS said a strike during ongoing negotiations was disproportionate.",
        ]),
        "updates": [],
    },
    "boe-hold": {
        "start": 61,
        "base": ("Bank of England keeps rates at 5.25%, two members vote for cut", [
            "The Bank of England held interest rates at 5.25% on Thursday, but two of the nine members of its Monetary Policy Committee voted for a cut to 5%.",
            "British inflation fell to 3.4% in February, its lowest in more than two years.",
            "Governor Andrew Bailey said the central bank needed more evidence that price pressures were easing before lowering borrowing costs.",
            "Sterling fell 0.5% against the dollar after the decision.",
        ]),
        "updates": [
            (20, "BoE's Greene says rate cuts still 'some way off'", [
                "Bank of England policymaker Megan Greene said on Friday that cuts were \"still some way off\" because wage growth in Britain remained above 6%.",
            ], [
                "The Bank of England kept its main rate at 5.25% on Thursday.",
            ]),
        ],
    },
    "rotterdam-cyber": {
        "start": 30,
        "base": ("Cyberattack disrupts terminal operator at Port of Rotterdam", [
            "A cyberattack on the computer systems of terminal operator Maasvlakte Container Services halted truck traffic at two terminals in the Port of Rotterdam on Tuesday.",
            "The company said ransomware had encrypted its gate and booking systems and that it had called in the Dutch police and the national cyber security centre.",
            "About 300 trucks were turned away by midday, the Dutch road hauliers' association TLN said.",
            "Ships continued to be unloaded, but containers could not leave the terminals by road.",
        ]),
        "rewrite": ("Rotterdam terminals hit by ransomware attack", [
            "Ransomware has encrypted the gate and booking systems of Maasvlakte Container Services, stopping trucks from entering two of its Rotterdam terminals on Tuesday.",
            "Roughly 300 lorries had been turned away by midday, according to road hauliers' group TLN.",
            "The operator said it had alerted the police and the national cyber security centre.",
            "Vessels were still being unloaded, though containers could not be collected by road.",
        ]),
        "updates": [
            (22, "Rotterdam terminal operator restores systems, hackers demanded $4 million", [
                "Maasvlakte Container Services said on Wednesday its gate systems were working again after engineers restored them from backups.",
                "Chief executive Joost Verbeek said the attackers had demanded $4 million in bitcoin and that the company had refused to pay.",
            ]),
        ],
    },
    "nordbank-cut": {
        "start": 50,
        "base": ("Nordbank cuts key rate by half a point as inflation cools", [
            "Nordbank, the central bank of the Nordic Federation, cut its key policy rate by 50 basis points to 3.25% on Tuesday, its first reduction in more than two years.",
            "Governor Astrid Lunde told a news conference that consumer price growth had slowed to 2.4% in February, close to the bank's 2% target.",
            "\"We can now begin to lift some of the pressure on households without putting price stability at risk,\" Lunde said.",
            "Most economists polled before the decision had expected a cut of 25 basis points.",
        ]),
        "rewrite": ("Nordbank delivers bigger-than-expected rate cut", [
            "The Nordic Federation's central bank lowered its key rate by half a percentage point to 3.25% on Tuesday, a bigger move than most economists had forecast.",
            "It was Nordbank's first cut in over two years.",
            "Inflation eased to 2.4% in February, near the 2% target, Governor Astrid Lunde told reporters.",
            "\"We can now begin to lift some of the pressure on households without putting price stability at risk,\" she said.",
        ]),
        "updates": [
            (24, "Krone falls, bank shares drop after Nordbank's surprise cut", [
                "The Nordic krone fell 1.2% against the euro on Wednesday after Nordbank's larger-than-expected cut.",
                "Shares in the federation's three largest lenders fell between 2% and 4% as investors bet lower rates would squeeze lending margins.",
                "Finance Minister Jonas Berg welcomed the cut, saying it would ease mortgage costs for about 1.1 million households.",
            ], [
                "Nordbank lowered its key rate to 3.25% on Tuesday.",
            ]),
        ],
    },
    "ecb-hold": {
        "start": 60,
        "base": ("ECB holds rates, signals cut in June", [
            "The European Central Bank kept its deposit rate at 4% on Thursday but said a cut in June was likely if wage growth kept slowing.",
            "Euro zone inflation fell to 2.6% in February from 2.8% in January, official data showed last week.",
            "Several members of the Governing Council had argued for an immediate cut, two sources familiar with the discussion said.",
            "The euro slipped 0.3% against the dollar after the decision.",
        ]),
        "updates": [
            (3, "Lagarde says ECB 'not yet there' on inflation", [
                "ECB President Christine Lagarde told a news conference that policymakers would have much more data on wages by June.",
                "\"We are making good progress, but we are not yet there,\" Lagarde said, adding that the decision to hold was unanimous.",
            ]),
        ],
    },
    "algarve-fire": {
        "start": 70,
        "base": ("Wildfire forces evacuation of villages in Portugal's Algarve", [
            "Hundreds of people were evacuated from villages in the hills above Monchique in Portugal's Algarve region on Sunday as a wildfire driven by strong winds spread through eucalyptus forest.",
            "More than 600 firefighters and eight water-bombing aircraft were fighting the blaze, the civil protection agency said.",
            "Temperatures in the area reached 44 degrees Celsius on Saturday.",
            "Mayor Rui Andrade said no homes had yet been destroyed.",
        ]),
        "rewrite": ("Algarve wildfire: villages evacuated near Monchique", [
            "Strong winds pushed a wildfire through eucalyptus forest above Monchique on Sunday, forcing hundreds of residents of the Algarve hill villages to leave their homes.",
            "The civil protection agency said over 600 firefighters, backed by eight water-bombing planes, were tackling the fire.",
            "No houses had been destroyed so far, according to mayor Rui Andrade.",
            "The thermometer hit 44 degrees Celsius in the region on Saturday.",
        ]),
        "updates": [
            (20, "Algarve fire burns 9,000 hectares, two firefighters injured", [
                "The fire had burned about 9,000 hectares by Monday morning, according to satellite estimates from the European Forest Fire Information System.",
                "Two firefighters were taken to hospital in Portimao with burns, the civil protection agency said.",
                "Spain sent four more water-bombing aircraft under an EU assistance scheme.",
            ]),
        ],
    },
    "evia-fire": {
        "start": 76,
        "base": ("Wildfire on Greek island of Evia forces monastery evacuation", [
            "A wildfire on the Greek island of Evia forced the evacuation of a monastery and two villages on Monday, the fire brigade said.",
            "About 150 firefighters supported by five helicopters were battling the flames in pine forest near the village of Limni.",
            "Greece's Civil Protection Minister Nikos Pappas said the risk of fire would remain very high across central Greece this week.",
        ]),
        "rewrite": ("Monastery and villages evacuated as fire burns on Evia", [
            "Greek firefighters evacuated a monastery and two villages on the island of Evia on Monday as a wildfire spread, the fire brigade said.",
            "Some 150 firefighters and 5 helicopters were fighting the blaze in pine forest close to Limni.",
            "Civil Protection Minister Nikos Pappas warned that the fire risk across central Greece would stay very high this week.",
        ]),
        "updates": [
            (7, "Greece doubles firefighters on Evia as blaze spreads", [
                "About 320 firefighters supported by nine helicopters were battling the flames in pine forest near the village of Limni.",
            ], [
                "A wildfire on the Greek island of Evia forced the evacuation of a monastery and two villages on Monday, the fire brigade said.",
                "Greece's Civil Protection Minister Nikos Pappas said the risk of fire would remain very high across central Greece this week.",
            ]),
            (18, "Evia fire contained after destroying 12 homes", [
                "The fire brigade said on Tuesday that the blaze near Limni had been contained after destroying 12 homes and about 1,400 hectares of forest.",
                "Police arrested a 62-year-old farmer suspected of starting the fire while burning stubble.",
            ]),
        ],
    },
    "ferry-fire": {
        "start": 90,
        "base": ("Ferry operator suspends Baltic crossings after engine fire", [
            "Nordlys Line suspended all sailings between Tallinn and Helsinki on Tuesday after a fire broke out in the engine room of its ferry Aurora during an overnight crossing.",
            "All 412 passengers were evacuated to lifeboats and picked up by coastguard vessels, the Estonian Maritime Administration said.",
            "The company said the fire was put out within an hour and that nobody was seriously hurt.",
            "Chief executive Maarit Kallas said the two other ships in the fleet would stay in port until they had been inspected.",
        ]),
        "rewrite": ("Baltic ferry fire halts Tallinn-Helsinki route", [
            "Nobody was seriously injured when fire broke out in the engine room of the Nordlys Line ferry Aurora overnight, the company said, adding that the blaze was extinguished within an hour.",
            "Nordlys Line has suspended every sailing between Helsinki and Tallinn since Tuesday.",
            "According to the Estonian Maritime Administration, coastguard vessels picked up all 412 passengers after they were evacuated into lifeboats.",
            "The two remaining ships in the fleet will stay in port until inspections are completed, chief executive Maarit Kallas said.",
        ]),
        "updates": [
            (28, "Ferry fire: investigators find fuel leak, crossings to resume Friday", [
                "Investigators from the Estonian Safety Investigation Bureau said a leaking fuel line had sprayed diesel onto a hot exhaust pipe.",
                "\"We found the failed coupling within hours, and it was a part that had been replaced in March,\" lead investigator Peeter Saar told ERR television.",
                "The company said crossings would resume on Friday and that repairs to the Aurora would cost about 3.5 million euros.",
            ]),
        ],
    },
    "argentina-wheat": {
        "start": 95,
        "base": ("Wheat prices jump as drought hits Argentine harvest", [
            "Wheat futures rose 4% on Tuesday after Argentina's agriculture ministry cut its harvest forecast by a fifth because of a severe drought in the Pampas.",
            "Traders said buyers in Egypt and Indonesia were already looking for other suppliers.",
            "The Rosario grain exchange said rainfall in April had been the lowest since 1971.",
        ]),
        "updates": [],
    },
    "quantel-layoffs": {
        "start": 100,
        "base": ("Quantel Systems to cut 1,200 jobs as chip demand slumps", [
            "Quantel Systems, the Dutch maker of chip-testing equipment, said on Wednesday it would cut 1,200 jobs, about 9% of its workforce, after orders fell for a third straight quarter.",
            "Most of the cuts will fall on its factories in Eindhoven and Penang, the company said.",
            "Quantel expects restructuring costs of 140 million euros, to be booked in the second quarter.",
            "Its shares rose 3% in Amsterdam as investors welcomed the savings.",
        ]),
        "rewrite": ("Chip equipment maker Quantel to shed 9% of staff", [
            "Dutch chip-testing equipment maker Quantel Systems will eliminate 1,200 jobs, or roughly 9% of its staff, following a third consecutive quarter of falling orders.",
            "The company said on Wednesday that the factories in Penang and Eindhoven would bear most of the reductions.",
            "It will book restructuring charges of 140 million euros in the second quarter.",
            "Investors cheered the savings, sending the stock up 3% in Amsterdam.",
        ]),
        "updates": [
            (8, "Quantel CEO tells staff job cuts were 'last resort'", [
                "In a memo to staff seen by Wirewatch, chief executive Hanneke Bos said the cuts were \"a last resort after every other saving had been made\".",
                "The FNV union said it would demand talks on redundancy terms and did not rule out strikes at the Eindhoven plant.",
            ]),
            (31, "Quantel raises cost of restructuring plan", [
                "Quantel expects restructuring costs of 185 million euros, to be booked in the second quarter.",
            ], [
                "Quantel Systems, the Dutch maker of chip-testing equipment, said on Wednesday it would cut 1,200 jobs, about 9% of its workforce, after orders fell for a third straight quarter.",
                "Most of the cuts will fall on its factories in Eindhoven and Penang, the company said.",
            ]),
        ],
    },
    "moldova-vote": {
        "start": 110,
        "base": ("Moldovans vote in presidential runoff seen as test of EU course", [
            "Moldovans voted on Sunday in a presidential runoff between incumbent Elena Rusu and former prosecutor Victor Ciobanu, a contest seen as a test of the country's push to join the European Union.",
            "Turnout was 38% by early afternoon, the central electoral commission said.",
            "Rusu has promised to complete accession talks by 2030, while Ciobanu wants closer trade ties with Russia.",
        ]),
        "rewrite": ("Moldova holds presidential runoff between Rusu and Ciobanu", [
            "Voters in Moldova chose on Sunday between President Elena Rusu and ex-prosecutor Victor Ciobanu in a runoff widely viewed as a verdict on the country's bid for European Union membership.",
            "The central electoral commission put turnout at 38% by early afternoon.",
            "Ciobanu favours closer trade with Russia, while Rusu has pledged to finish accession talks by 2030.",
        ]),
        "updates": [
            (12, "Rusu wins Moldova runoff with 55%, preliminary results show", [
                "Rusu won 55.3% of the vote against 44.7% for Ciobanu with 99% of ballots counted, the electoral commission said early on Monday.",
                "\"Tonight Moldova chose Europe,\" Rusu told supporters in Chisinau, while Ciobanu said he would challenge the result in court.",
            ]),
        ],
    },
    "malatya-quake": {
        "start": 120,
        "base": ("Magnitude 5.6 earthquake strikes eastern Turkey", [
            "An earthquake of magnitude 5.6 struck Malatya province in eastern Turkey on Wednesday, damaging buildings in several villages, the disaster agency AFAD said.",
            "The quake hit at a depth of 7 kilometres at 04:38 local time.",
            "Interior Minister Kemal Aydin said search teams had been sent to the district of Yesilyurt.",
        ]),
        "updates": [
            (6, "Turkey quake kills 3, injures dozens in Malatya", [
                "Three people were killed and 41 injured when the earthquake struck Malatya province, the health ministry said on Wednesday afternoon.",
                "AFAD said 23 buildings had collapsed, most of them already damaged in the 2023 earthquakes.",
            ], [
                "The magnitude 5.6 tremor struck before dawn near the district of Yesilyurt.",
            ]),
        ],
    },
    "aerolinea-strike": {
        "start": 125,
        "base": ("Pilots at Spanish airline Aerosur to strike over pay", [
            "Pilots at Spanish low-cost airline Aerosur will strike for three days from April 2 after pay talks failed, the SEPLA pilots' union said on Thursday.",
            "The airline said it expected to cancel about 40% of its 600 daily flights during the walkout.",
            "Aerosur pilots are seeking a 12% pay rise over two years.",
        ]),
        "updates": [
            (30, "Aerosur pilots call off strike after last-minute pay deal", [
                "The SEPLA union called off the Aerosur pilots' strike on Friday after the airline offered a 9% pay rise over two years and a bonus tied to punctuality.",
                "Aerosur said all flights would operate as scheduled.",
            ]),
        ],
    },
    "alzheimer-drug": {
        "start": 135,
        "base": ("US regulator approves Meridian's Alzheimer's drug", [
            "The US Food and Drug Administration on Friday approved Meridian Therapeutics' drug lorenumab for patients with early Alzheimer's disease.",
            "In the main trial, the drug slowed cognitive decline by 27% over 18 months compared with a placebo.",
            "The label carries a warning about brain swelling, which affected 12% of patients in the study.",
            "Meridian said the list price would be $28,000 a year.",
        ]),
        "rewrite": ("FDA clears Meridian Alzheimer's treatment lorenumab", [
            "Meridian Therapeutics won approval from the US Food and Drug Administration on Friday for lorenumab, its treatment for early-stage Alzheimer's disease.",
            "Lorenumab slowed cognitive decline by 27% over 18 months versus placebo in the pivotal study.",
            "Brain swelling, seen in 12% of trial patients, is flagged in a warning on the label.",
            "The company will charge a list price of $28,000 a year.",
        ]),
        "updates": [],
    },
    "reykjanes-eruption": {
        "start": 140,
        "base": ("Volcano erupts again on Iceland's Reykjanes peninsula", [
            "A volcanic eruption began on Iceland's Reykjanes peninsula late on Saturday, the Icelandic Meteorological Office said, the eighth since December 2023.",
            "Lava emerged from a fissure about 3 kilometres long north of the fishing town of Grindavik, which had been evacuated earlier in the evening.",
            "Keflavik international airport remained open.",
        ]),
        "updates": [
            (14, "Lava reaches defence walls near Grindavik", [
                "Lava flowing from the fissure reached the earth barriers built to protect Grindavik on Sunday morning, civil defence official Hjalti Sigurdsson said.",
                "The Blue Lagoon spa, which had been closed on Saturday, said it would stay shut until at least Wednesday.",
            ]),
        ],
    },
    "lyon-museum": {
        "start": 150,
        "base": ("Thieves steal gold coins from Lyon museum in night raid", [
            "Thieves broke into the Musee des Confluences in Lyon overnight and stole a collection of 24 Roman gold coins, police said on Monday.",
            "The coins, found in a field near Vienne in 1993, are valued at about 1.5 million euros.",
            "Investigators believe the thieves entered through a skylight after disabling an alarm.",
        ]),
        "rewrite": ("Roman gold coins worth €1.5m stolen in Lyon", [
            "Two dozen Roman gold coins were stolen overnight from the Musee des Confluences in Lyon, police said on Monday.",
            "The hoard, worth some €1.5m, was dug up in a field near Vienne in 1993.",
            "Police think the burglars disabled an alarm and got in through a skylight.",
        ]),
        "updates": [],
    },
    "opec-output": {
        "start": 160,
        "base": ("OPEC+ agrees to extend output cuts to end of June", [
            "OPEC+ producers agreed on Sunday to extend voluntary oil output cuts of 2.2 million barrels per day until the end of June, the group said after an online meeting.",
            "Brent crude rose 1.4% to $84.10 a barrel in early Asian trade on Monday.",
            "Saudi Arabia will keep its production at about 9 million barrels per day.",
        ]),
        "rewrite": ("OPEC+ extends voluntary oil cuts until end-June", [
            "OPEC+ will keep voluntary cuts of 2.2m barrels a day in place until the end of June, the producer group said on Sunday after meeting online.",
            "Brent crude gained 1.4 percent to about $84 a barrel early on Monday in Asia.",
            "Saudi output will stay at roughly nine million barrels a day.",
        ]),
        "updates": [],
    },
    "odesa-ship": {
        "start": 165,
        "base": ("Russian missile hits grain ship in Odesa port, Ukraine says", [
            "A Russian missile struck a Panama-flagged grain carrier loading at the port of Odesa on Monday night, killing two crew members, Ukraine's navy said.",
            "The ship, the Marta K, was due to carry 30,000 tonnes of maize to Egypt.",
            "Ukrainian Infrastructure Minister Oleksandr Hrytsenko said the attack was meant to frighten shipowners away from Ukraine's Black Sea corridor.",
        ]),
        "updates": [
            (20, "Insurers raise war-risk premiums after Odesa ship strike", [
                "Lloyd's market insurers raised war-risk premiums for ships calling at Ukrainian ports to 1.5% of hull value from 1%, brokers said on Tuesday.",
                "Two other bulk carriers waiting to load in Odesa left for Romanian waters overnight, according to ship-tracking data.",
            ]),
        ],
    },
    "eu-drug-prices": {
        "start": 170,
        "base": ("EU lawmakers back cap on price of insulin", [
            "The European Parliament voted on Wednesday to cap what patients pay for insulin at 30 euros a month across the European Union.",
            "The measure passed by 402 votes to 188, with 61 abstentions, and must now be negotiated with member states.",
            "Drugmakers' association EFPIA said the cap would discourage investment in new diabetes treatments.",
        ]),
        "rewrite": ("European Parliament votes for 30-euro monthly insulin cap", [
            "Patients across the European Union would pay no more than 30 euros a month for insulin under a cap backed by the European Parliament on Wednesday.",
            "Lawmakers approved it 402 to 188, with 61 abstaining; talks with member states come next.",
            "The cap would deter investment in new treatments for diabetes, according to the drug industry group EFPIA.",
        ]),
        "updates": [],
    },
    "bridge-collapse": {
        "start": 175,
        "base": ("Bridge collapses in northern Italy, several cars fall into river", [
            "A road bridge over the Adda river near Lecco in northern Italy collapsed on Thursday afternoon, sending at least four cars into the water, the fire service said.",
            "Rescuers pulled three people from the river alive, and divers were searching for others.",
            "The bridge, built in 1964, had been closed to lorries last year after inspectors found cracks.",
        ]),
        "updates": [
            (5, "Italy bridge collapse: two dead, prosecutors open inquiry", [
                "Two people died in the collapse of the bridge near Lecco, the prefect of Lecco said late on Thursday.",
                "Prosecutors opened a manslaughter investigation and seized the maintenance records of the regional roads agency.",
                "\"Someone will have to explain why a bridge with cracks was still open to cars,\" Transport Minister Paolo Ferri said.",
            ]),
        ],
    },
    "sicily-storm": {
        "start": 145,
        "base": ("Storm kills three in eastern Sicily as streets flood", [
            "Storm Helios killed three people in eastern Sicily on Monday as torrential rain turned streets in the town of Giarre into rivers, the civil protection department said.",
            "Schools across the province of Catania were closed and about 1,200 people spent the night in gyms and hotels.",
            "Regional president Salvo Grasso asked Rome to declare a state of emergency.",
        ]),
        "rewrite": ("Three dead as Storm Helios floods Sicilian town", [
            "Torrential rain from Storm Helios turned the streets of Giarre into rivers on Monday, killing 3 people in eastern Sicily, according to the civil protection department.",
            "Some 1200 people spent the night in gyms and hotels, and schools in the province of Catania were shut.",
            "Salvo Grasso, the regional president, called on Rome to declare a state of emergency.",
        ]),
        "updates": [
            (9, "Sicily storm death toll rises to seven", [
                "Storm Helios killed seven people in eastern Sicily on Monday as torrential rain turned streets in the town of Giarre into rivers, the civil protection department said.",
            ], [
                "Schools across the province of Catania were closed and about 1,200 people spent the night in gyms and hotels.",
                "Regional president Salvo Grasso asked Rome to declare a state of emergency.",
            ]),
        ],
    },
    "hungary-rate": {
        "start": 155,
        "base": ("Hungary cuts base rate to 6.75%, signals pause", [
            "Hungary's central bank cut its base rate by 25 basis points to 6.75% on Tuesday, its ninth reduction in a row.",
            "Governor Gabor Fekete said the bank would now pause its easing cycle to protect the forint, which has lost 4% against the euro since January.",
            "Annual inflation slowed to 3.7% in March.",
        ]),
        "rewrite": ("Hungarian central bank trims rate, says it will pause", [
            "Hungary's central bank lowered its base rate by a quarter of a percentage point to 6.75 percent on Tuesday, the ninth cut in succession.",
            "The forint has fallen 4 percent against the euro since January, and Governor Gabor Fekete said the bank would now stop easing to support the currency.",
            "Inflation eased to 3.7 percent year on year in March.",
        ]),
        "updates": [
            (2, "CORRECTED-Hungary cuts base rate to 6.5%, signals pause", [
                "Hungary's central bank cut its base rate by 50 basis points to 6.5% on Tuesday, its ninth reduction in a row.",
            ], [
                "Governor Gabor Fekete said the bank would now pause its easing cycle to protect the forint, which has lost 4% against the euro since January.",
                "Annual inflation slowed to 3.7% in March.",
            ]),
        ],
    },
    "meridian-recall": {
        "start": 160,
        "base": ("Meridian recalls insulin pens over faulty dose dial", [
            "Meridian Therapeutics is recalling about 40,000 insulin pens sold in Canada and Mexico after finding that the dose dial on one production batch could stick, the company said on Monday.",
            "Patients should check the lot number printed on the pen and return affected ones to their pharmacy for a free replacement, Meridian said.",
            "Health Canada said it had received two reports of patients taking too little insulin but no reports of serious harm.",
        ]),
        "updates": [],
    },
    "kestrel-milan": {
        "start": 186,
        "base": ("Milan court orders Kestrel Bank to compensate bond savers", [
            "A court in Milan on Monday ordered Kestrel Bank to pay 42 million euros in damages to about 1,300 small savers who said the bank had mis-sold them subordinated bonds in 2016.",
            "Judge Laura Conti ruled that Kestrel's Italian branch had failed to explain the risk of losing the whole investment.",
            "Kestrel Bank said it would appeal against the ruling.",
            "\"This is a victory for families who trusted their bank with their savings,\" said Marco Ferri, a lawyer for the savers.",
        ]),
        "updates": [
            (26, "Italian savers' groups plan more suits against Kestrel Bank after Milan ruling", [
                "Two Italian consumer associations said on Tuesday they would file similar claims on behalf of another 4,000 Kestrel Bank customers in Turin and Bologna.",
                "\"The Milan ruling opens the door for everyone who bought those bonds,\" said Giulia Berti of the Altroconsumo group.",
            ]),
        ],
    },
    "kestrel-frankfurt": {
        "start": 250,
        "base": ("German court fines Kestrel Bank over money laundering reports", [
            "A court in Frankfurt on Thursday fined Kestrel Bank 15 million euros for failing to report suspicious transfers from shell companies to the authorities between 2019 and 2021.",
            "Presiding judge Annette Vogel said the bank's compliance department had ignored repeated warnings from its own staff.",
            "Kestrel Bank said it had since hired hundreds of compliance officers and would study the ruling before deciding whether to appeal.",
            "Prosecutors had asked for a fine of 20 million euros.",
        ]),
        "updates": [],
    },
    "chip-export": {
        "start": 180,
        "base": ("Netherlands tightens export rules on chipmaking machines", [
            "The Dutch government said on Friday it would require export licences for a wider range of chipmaking machines from September, extending controls that already cover the most advanced lithography tools.",
            "Trade Minister Sanne de Graaf said the change was needed for national security and was not aimed at any single country.",
            "China's commerce ministry said it firmly opposed the move.",
        ]),
        "updates": [],
    },
}


def _copy(title: str, sentences: list[str], rng: random.Random) -> str:
    lines = [title, "By Wirewatch staff", *sentences[:2], rng.choice(FURNITURE), *sentences[2:]]
    return "\n\n".join(lines)


def _article(title: str, sentences: list[str]) -> str:
    return "\n\n".join([title, *sentences])


def pieces(story_id: str, story: dict, rng: random.Random) -> list[dict]:
    """The story's articles with gold verdicts, at hours after the stream started."""
    start = story["start"]
    title, base = story["base"]
    out = [{"hour": start, "title": title, "text": _article(title, base), "verdict": "new"}]
    out.append({"hour": start + 1.5, "title": f"{title} - syndicated",
                "text": _copy(title, base, rng), "verdict": "duplicate"})
    if "rewrite" in story:
        r_title, r_sentences = story["rewrite"]
        out.append({"hour": start + 2.5, "title": r_title, "text": _article(r_title, r_sentences),
                    "verdict": "duplicate"})
        shuffled = r_sentences[:1] + rng.sample(r_sentences[1:], len(r_sentences) - 1)
        out.append({"hour": start + 4, "title": f"UPDATE 1-{r_title}",
                    "text": _article(r_title, shuffled), "verdict": "duplicate"})
    for hours, u_title, new, *fresh in story["updates"]:
        if fresh:
            sentences = new[:1] + fresh[0] + new[1:]
        else:
            background = base[:1] + rng.sample(base[1:], min(2, len(base) - 1))
            sentences = background[:1] + new + background[1:]
        out.append({"hour": start + hours, "title": u_title, "text": _article(u_title, sentences),
                    "verdict": "update", "whats_new": new})
    for piece in out:
        piece["story"] = story_id
    return out


def main() -> None:
    rng = random.Random(7)
    rows = [p for sid, story in STORIES.items() for p in pieces(sid, story, rng)]
    rows.sort(key=lambda r: r["hour"])
    for number, row in enumerate(rows, start=1):
        when = START + timedelta(hours=row["hour"])
        print(json.dumps({"id": f"a{number:03d}", "time": when.isoformat() + "+00:00",
                          "title": row["title"], "text": row["text"], "story": row["story"],
                          "verdict": row["verdict"], "whats_new": row.get("whats_new", [])},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
