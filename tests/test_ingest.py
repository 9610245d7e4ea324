"""ingest: candidate relations from an article."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pandas as pd
import pytest

from graph import _pairs
from graph._lexicon import Entry
from graph.cli import main
from graph.errors import EditError
from graph.ingest import MAX_BYTES, article_text, extract, read_article
from graph.io import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real():
    """The project's own data (read only): every relation type news needs."""
    return load(ROOT / "data")


def triples(frame) -> list[tuple[str, str, str]]:
    return sorted(zip(frame["source"], frame["target"], frame["type"], strict=True))


def assert_found(real, text: str, present, absent) -> None:
    """Every ``present`` (source, target, type) is proposed for ``text`` by the rules and no ``absent`` one is."""
    found = set(triples(extract(text, real, learned=False)))
    assert set(present) <= found
    assert not set(absent) & found


# -- extraction ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North Korea sent troops to Russia.", ("PRK", "RUS", "troop_deployment")),
        ("Troops were sent to Moscow by Pyongyang.", ("PRK", "RUS", "troop_deployment")),
        ("About 3,000 North Korean soldiers have been dispatched to Russia.", ("PRK", "RUS", "troop_deployment")),
        ("The deployment of North Korean troops has drawn condemnation from Western nations.", ("WST", "PRK", "condemns")),
        ("The deployment has alarmed Seoul, officials said.", None),
        ("Pyongyang's move has alarmed South Korea.", ("KOR", "PRK", "expresses_concern")),
        ("Seoul is alarmed by Pyongyang's decision.", ("KOR", "PRK", "expresses_concern")),
        ("The Kremlin condemned the EU.", ("RUS", "EU", "condemns")),
        ("The UN Security Council imposed sanctions on Pyongyang.", ("UNSC", "PRK", "sanctions")),
        ("Putin and Kim Jong Un signed a defense pact.", ("RUS", "PRK", "defense_pact")),
    ],
)
def test_extract_finds_actors_type_and_direction(real, text, expected):
    found = triples(extract(text, real))
    if expected is None:
        assert found == []
    else:
        assert expected in found or ((expected[1], expected[0], expected[2]) in found and expected[2] == "defense_pact")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A reaction without a named target reacts to the last hostile act told, not to a pact or its own act.
        (
            "China rammed Philippine boats. The US reaffirmed its defence treaty with Manila. Japan also voiced concern.",
            ("JPN", "CHN", "expresses_concern"),
        ),
        ("Israeli jets struck Gaza. France said it was outraged.", ("FRA", "ISR", "condemns")),
        # An act told as the background of another ("hours after Hamas fired") is not what a bare reaction is about.
        (
            "Israeli jets struck Rafah. The strikes came hours after Hamas fired rockets at Tel Aviv. Macron said he was outraged.",
            ("FRA", "ISR", "condemns"),
        ),
        ("Israeli jets struck Gaza. Australia said the move was dangerous.", ("AUS", "ISR", "expresses_concern")),
        # "the strikes" refers back to the act told with that word, not to the last act of all.
        (
            "Israel struck Yemen's ports after a drone launched by the Houthis hit Tel Aviv. Iran condemned the strikes.",
            ("IRN", "ISR", "condemns"),
        ),
        # A noun event with its doer's demonym and the place struck further on.
        ("Israeli strikes on a camp for displaced people in Rafah killed dozens.", ("ISR", "PSE", "attacks")),
        # A second predicate shares the sentence's subject.
        (
            "The US condemned the actions of China's coast guard and reaffirmed its mutual defence treaty with the Philippines.",
            ("USA", "PHL", "defense_pact"),
        ),
        # A relative clause with a trigger of its own does not lend its actors to the main verb.
        ("Ukraine, whose troops have fought Russian forces since 2022, said it stood with Georgia.", ("UKR", "GEO", "supports_verbally")),
        ("The US said Israel had the right to defend itself.", ("USA", "ISR", "supports_verbally")),
        ("Iran, which backs Hezbollah, said Israel would pay for its crimes.", ("IRN", "ISR", "threatens")),
        # Armed groups: the Houthis stand for Yemen, as the field codes them; Kosovo has a code outside ISO 3166-1.
        ("Houthi rebels fired missiles at Israel.", ("YEM", "ISR", "attacks")),
        ("Kosovo accused Serbia of arming the gunmen.", ("XKX", "SRB", "condemns")),
        # "The three ... states": the last list of three; "the group": the last armed group named.
        (
            "Mali, Burkina Faso and Niger recalled their envoys after Algeria shot down a drone. The three Sahel states condemned the incident.",
            ("NER", "DZA", "condemns"),
        ),
        ("The Houthis fired a drone at Tel Aviv. The EU imposed sanctions on the group.", ("EU", "YEM", "sanctions")),
        # Negation stays in its own predicate; the speaker of "would suffer" threatens; "an act of aggression" condemns.
        ("Russia said the decision had no legal basis and urged Britain to return to talks.", ("RUS", "GBR", "demands")),
        ("China warned that Japan would suffer a crushing defeat if it intervened.", ("CHN", "JPN", "threatens")),
        ("Phnom Penh said the Thai air strikes were an act of aggression.", ("KHM", "THA", "condemns")),
        # An apposition before the verb is skipped; a list with a comma before "and" is not an apposition.
        ("Turkey, a NATO member, condemned Israel.", ("TUR", "ISR", "condemns")),
        ("Britain, the US, and France condemned Iran.", ("USA", "IRN", "condemns")),
        # Acts the model has no type for (closures, expulsions, ruptures) are what a later reaction refers to.
        ("Burundi closed its border with Rwanda. The African Union said it was concerned.", ("AU", "BDI", "expresses_concern")),
        ("Peru severed diplomatic relations with Chile. Bolivia called the decision a hostile act.", ("BOL", "PER", "condemns")),
        ("Russian jets entered Estonian airspace. The EU condemned the provocation.", ("EU", "RUS", "condemns")),
        # "Its neighbour" is the last other state named; a participle after a comma shares the sentence's subject.
        ("Burundi closed its border with Rwanda, accusing its neighbour of arming rebels.", ("BDI", "RWA", "condemns")),
        ("Prague expelled Russian diplomats, accusing Russian intelligence of the blasts.", ("CZE", "RUS", "condemns")),
        ("The EU backed Moldova, and Romania offered to supply gas to its neighbour.", ("ROU", "MDA", "economic_aid")),
        # "Its two members" are the last two states named, not the organisation.
        ("Rwanda criticised Burundi. The East African Community urged its two members to talk.", ("EAC", "RWA", "demands")),
        # An organisation naming a regime is not the one restoring it.
        ("Britain started restoring United Nations sanctions on Iran.", ("GBR", "IRN", "sanctions")),
    ],
)
def test_extract_reads_implied_targets_noun_events_and_clauses(real, text, expected):
    assert expected in triples(extract(text, real))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # An armed group the model has no actor for is the doer: the state named later is not.
        ("Hezbollah fired rockets at Israel. France condemned the attack.", "FRA"),
        ("Hamas fired rockets at Tel Aviv, Egypt said.", "EGY"),
        # The act word inside a condemnation is not an act of the one condemning.
        ("Egypt denounced the attack as a deliberate targeting of civilians.", "EGY"),
        # "the bombing" refers back; it tells no new act of Qatar's.
        ("Israeli jets struck Gaza. Qatar said the bombing could undermine talks. Jordan also condemned the strikes.", "QAT"),
        ("Turkey, a NATO member, condemned Israel.", "NATO"),
        # A noun's doer is not a by-phrase far after it.
        ("Takaichi said a Chinese attack on Taiwan could justify a response by Japan.", "JPN"),
        # A dateline names where the story was filed.
        ("CAIRO, May 27 - Israeli jets struck Gaza on Sunday.", "EGY"),
        # An act without a type of the model is never proposed.
        ("Peru severed diplomatic relations with Chile.", "PER"),
        ("Britain started restoring United Nations sanctions on Iran.", "UN"),
    ],
)
def test_extract_does_not_make_bystanders_doers(real, text, absent):
    assert [t for t in triples(extract(text, real)) if absent in t[:2]] == []


def test_a_state_missing_from_the_data_is_proposed_with_its_iso_code(real):
    c = extract("Israeli jets struck targets in Iran on Saturday.", real, date="2024-10-26")
    row = c.iloc[0]
    assert (row.source, row.target, row.type) == ("ISR", "IRN", "attacks")
    assert (row.source_name, row.source_new, row.target_name, row.target_new) == ("Israel", "state", "Iran", "state")
    assert "new actor ISR (Israel), IRN (Iran)" in row.reason


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Seoul sent arms to Kyiv.", "confirmed"),
        ("Seoul could send arms to Kyiv.", "potential"),
        ("Seoul is considering sending arms to Kyiv.", "potential"),
        ("Seoul has reportedly sent arms to Kyiv.", "reported"),
        ("According to Tokyo, Seoul sent arms to Kyiv.", "reported"),
    ],
)
def test_modality_and_attribution_set_the_status(real, text, status):
    c = extract(text, real)
    assert c.loc[c.type == "arms_transfer", "status"].tolist() == [status]


def test_negation_drops_or_flags(real):
    text = "Seoul did not send arms to Kyiv."
    assert extract(text, real).empty
    kept = extract(text, real, keep_negated=True)
    assert kept.type.tolist() == ["arms_transfer"] and "NEGATED" in kept.reason.iloc[0]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Pyongyang and Moscow signed a defense pact in June.", "2024-06"),
        ("Pyongyang and Moscow signed a defense pact on 19 June 2024.", "2024-06-19"),
        ("Pyongyang and Moscow signed a defense pact in December.", "2023-12"),  # after the article's date: last year
        ("Pyongyang and Moscow signed a defense pact.", "2024-10-31"),
    ],
)
def test_a_date_in_the_sentence_wins_over_the_article_date(real, text, start):
    assert extract(text, real, date="2024-10-31")["start"].tolist() == [start]


def test_candidates_carry_their_sentence_and_offsets(real):
    text = "Headline\n\nSome words first. Japan condemned Russia over the strikes. More words."
    row = extract(text, real, source_id="wire-1").iloc[0]
    assert text[row.char_start : row.char_end] == row.sentence == "Japan condemned Russia over the strikes."
    assert (row.citation, row.evidence, row.relation_id) == ("wire-1", "", "")
    assert 0 < row.score <= 1 and row.confidence == row.score


def test_types_the_data_lacks_are_never_proposed(example_dir):
    # The example data has no "attacks" type.
    assert extract("Israel struck Iran.", load(example_dir)).empty


def test_both_nations_stands_for_the_last_two_actors(real):
    text = "Russia and North Korea grew closer. Both nations signed a defense pact."
    assert triples(extract(text, real)) == [("RUS", "PRK", "defense_pact")]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # Reciprocal: each of the subject's actors on the other.
        (
            "Kyrgyzstan and Tajikistan accused each other of starting the fighting.",
            [("KGZ", "TJK", "condemns"), ("TJK", "KGZ", "condemns")],
            [],
        ),
        # A fixed group of states, whoever was named before.
        (
            "Russia warned the three Baltic states against joining.",
            [("RUS", "EST", "threatens"), ("RUS", "LVA", "threatens"), ("RUS", "LTU", "threatens")],
            [],
        ),
        # "The bloc": the last organisation named, not a state.
        (
            "ECOWAS met in Abuja. Mali warned the bloc against an intervention.",
            [("MLI", "ECOWAS", "threatens")],
            [],
        ),
        # "The kingdom": the last other state named, not the subject.
        (
            "Algeria broke off relations with Morocco, accusing the kingdom of hostile actions.",
            [("DZA", "MAR", "condemns")],
            [("DZA", "DZA", "condemns")],
        ),
        # "Both leaders" and "them"; the second verb shares the first verb's subject.
        (
            "Kyrgyzstan and Tajikistan clashed. Putin phoned both leaders and urged them to stop.",
            [("RUS", "KGZ", "talks"), ("RUS", "TJK", "talks"), ("RUS", "KGZ", "demands"), ("RUS", "TJK", "demands")],
            [("KGZ", "TJK", "demands")],
        ),
        # A subject "it" after "said": the sentence's subject, not the possessor in the apposition.
        (
            "Turkey, Azerbaijan's closest ally, said it stood with Baku.",
            [("TUR", "AZE", "supports_verbally")],
            [],
        ),
        # ... nor a name inside a relative clause.
        (
            "The US bombed Yemen. Oman, which mediates between the Houthis and Riyadh, said it deplored the strikes.",
            [("OMN", "USA", "condemns")],
            [("SAU", "USA", "condemns")],
        ),
        # "warned Tehran that it would face consequences": "it" after "that" is not the speaker.
        (
            "Washington warned Tehran that it would face consequences.",
            [("USA", "IRN", "threatens")],
            [("IRN", "USA", "threatens")],
        ),
        # A bare name after a comma starts another clause: not the object.
        (
            "Israel struck military targets in Iran, the Israeli military said.",
            [("ISR", "IRN", "attacks")],
            [],
        ),
        # "Criticised the attack": the last act of that type, not the last act told.
        (
            "Israel struck targets in Iran. Biden urged Iran not to respond, warning of retaliation. Qatar also criticised the attack.",
            [("QAT", "ISR", "condemns")],
            [("QAT", "USA", "condemns")],
        ),
        # An official named by title alone is of the dateline's country ...
        (
            "LIMA, Nov 3 - Peru cut ties with Mexico. Foreign Minister Hugo de Zela accused Mexico of meddling.",
            [("PER", "MEX", "condemns")],
            [],
        ),
        # (a dateline in capitals with an apostrophe or hyphen is still its place)
        (
            "PORT-AU-PRINCE, Nov 28 - Haiti recalled its envoy. Foreign Minister Abc Def accused France of meddling.",
            [("HTI", "FRA", "condemns")],
            [],
        ),
        # ... but not when a demonym says whose official it is.
        (
            "LIMA, Nov 3 - Peru cut ties with Mexico. Mexican President Claudia Sheinbaum rejected the accusation.",
            [("MEX", "PER", "condemns")],
            [("PER", "PER", "condemns")],
        ),
        ("Russia's foreign ministry summoned Azerbaijan's ambassador.", [("RUS", "AZE", "condemns")], []),
        ("Brazil urged Caracas and Georgetown to talk.", [("BRA", "VEN", "demands"), ("BRA", "GUY", "demands")], []),
        ("The European Commission said it stood with Lithuania.", [("EU", "LTU", "supports_verbally")], []),
        # A demand's "from" names whom it is asked of, not who asks.
        ("The UN called for restraint from Moscow.", [], [("RUS", "UN", "demands")]),
        # A reaction is about the last deed, not a later warning.
        (
            "Israel struck targets in Iran. Biden urged Iran not to respond, warning of retaliation. "
            "Russia expressed concern over the escalation.",
            [("RUS", "ISR", "expresses_concern")],
            [("RUS", "USA", "expresses_concern")],
        ),
        # An active verb's doer is its subject, not a later by-phrase; "mediated by" right after the verb is.
        (
            "Algeria said it opposed any use of force by ECOWAS against Niger.",
            [("DZA", "NER", "opposes")],
            [("ECOWAS", "DZA", "opposes")],
        ),
        ("Iran and Saudi Arabia agreed after talks mediated by China.", [("CHN", "IRN", "talks")], []),
        # The speaker calls for restraint, not the one spoken of.
        (
            "Israel struck Iran. Britain said Iran should not retaliate and called for restraint on all sides.",
            [("GBR", "IRN", "demands"), ("GBR", "ISR", "demands")],
            [("IRN", "ISR", "demands")],
        ),
        # An act demanded ("to cease hostilities") is not an act told, so "concerned" does not point at it.
        (
            "The US called on Thailand and Cambodia to cease hostilities, and France said it was concerned.",
            [("USA", "THA", "demands")],
            [("FRA", "THA", "expresses_concern"), ("FRA", "KHM", "expresses_concern")],
        ),
        # "The Democratic Republic of Congo" is not the Republic of the Congo.
        (
            "The Democratic Republic of Congo accused Rwanda of backing the rebels.",
            [("COD", "RWA", "condemns")],
            [("COG", "RWA", "condemns")],
        ),
        # The second verb's subject is the sentence's, not a name governed by "of" ...
        (
            "Russia requested a meeting of the UN Security Council and accused Washington of bombing Yemen.",
            [("RUS", "USA", "condemns")],
            [("UNSC", "USA", "condemns")],
        ),
        # ... nor the first verb's object, with "offered to" between.
        (
            "China urged Pakistan and Afghanistan to exercise restraint and offered to mediate.",
            [("CHN", "PAK", "demands"), ("CHN", "AFG", "demands")],
            [("PAK", "AFG", "talks")],
        ),
        # The place struck may lie a few words after the verb.
        ("Pakistani warplanes bombed suspected militant hideouts in eastern Afghanistan.", [("PAK", "AFG", "attacks")], []),
        # A title without a country is the dateline's only as the sentence's subject.
        (
            "KINSHASA, Jan 28 - Kenya said it would host talks between President Tshisekedi and President Kagame.",
            [("KEN", "COD", "talks"), ("KEN", "RWA", "talks"), ("COD", "RWA", "talks")],  # (the two meet each other)
            [("COD", "COD", "talks"), ("KEN", "KEN", "talks")],
        ),
        ("South Africa warned Rwanda that another attack would be a declaration of war.", [("ZAF", "RWA", "threatens")], []),
        (
            "Britain imposed sanctions on Iran. Tehran said the measures were a form of economic terrorism.",
            [("IRN", "GBR", "condemns")],
            [],
        ),
        # A backwards trigger's object is the one it happens to, not a target.
        (
            "Russia had received the missiles and could use them against Ukrainian targets.",
            [],
            [("UKR", "RUS", "arms_transfer")],
        ),
        ("Pyongyang relied heavily on Soviet support to bolster its military.", [("SUN", "PRK", "military_aid")], []),
        # A subject whose head noun is no actor: "The military governments of Mali and Burkina Faso ...".
        (
            "The military governments of Mali and Burkina Faso warned ECOWAS, and sent a delegation to Niamey "
            "to show solidarity with the junta.",
            [("MLI", "NER", "supports_verbally"), ("BFA", "NER", "supports_verbally")],
            [("ECOWAS", "NER", "supports_verbally")],
        ),
        # A reaction's target may be the doer named by "by" after the act it names.
        ("Algeria said it opposed any use of force by ECOWAS.", [("DZA", "ECOWAS", "opposes")], []),
        # Troops kept or based abroad.
        (
            "France, which has about 1,500 soldiers based in Niger, said it backed the bloc.",
            [("FRA", "NER", "troop_deployment")],
            [],
        ),
        ("The United States, which also keeps troops in Niger, said it would seek talks.", [("USA", "NER", "troop_deployment")], []),
        # "Her country": the speaker's.
        (
            "VILNIUS, Oct 28 - Lithuania shut its border. Prime Minister Inga Ruginiene said Minsk was waging "
            "an attack against her country.",
            [("BLR", "LTU", "attacks")],
            [("BLR", "BLR", "attacks")],
        ),
        # A possessive apposition: the pair it names, and the head as the subject of the verb after it.
        (
            "Israel struck Iran. Russia, Iran's closest ally, condemned the strikes.",
            [("RUS", "ISR", "condemns"), ("RUS", "IRN", "defense_pact")],
            [("IRN", "ISR", "condemns")],
        ),
        # A sentence that starts with "It": the last sentence's subject.
        ("Iran held a military parade on Friday. It warned Israel against any attack.", [("IRN", "ISR", "threatens")], []),
        # A reaction is about what was done to the one reacting, if anything was.
        (
            "Britain imposed sanctions on Iran, accusing it of supplying missiles to Russia. Russia received the missiles. "
            "Tehran said the measures were a form of economic terrorism.",
            [("IRN", "GBR", "condemns")],
            [("IRN", "RUS", "condemns")],
        ),
        # "Blew up" is an act a later reaction ("condemned the explosions") refers to, never a candidate.
        (
            "North Korea blew up roads linking it to South Korea. South Korea condemned the explosions.",
            [("KOR", "PRK", "condemns")],
            [("PRK", "KOR", "attacks")],
        ),
        ("India and China agreed on patrols. The two armies clashed in 2020.", [("IND", "CHN", "armed_conflict")], []),
        # "All parties" with no clash told: the two states the story is most about.
        (
            "North Korea accused South Korea of flying drones. South Korea said North Korea would regret it. "
            "The US urged North Korea to stop. China called on all parties to exercise restraint.",
            [("CHN", "PRK", "demands"), ("CHN", "KOR", "demands")],
            [("CHN", "USA", "demands")],
        ),
        # A backwards adjective's object is not a name of the next predicate.
        (
            "The Czech Republic expelled Russian diplomats. Moscow called the expulsions hostile and ordered "
            "staff of the Czech embassy to leave.",
            [("RUS", "CZE", "condemns")],
            [("CZE", "RUS", "condemns")],
        ),
        # "In solidarity with": the clause's subject, which may list a fixed group after a number.
        (
            "Slovakia and the three Baltic states later expelled Russian diplomats in solidarity with Prague.",
            [("SVK", "CZE", "supports_verbally"), ("EST", "CZE", "supports_verbally")],
            [("RUS", "CZE", "supports_verbally")],
        ),
    ],
)
def test_round_four_rules(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # Rejecting a charge answers the one who made it.
        (
            "Sudan accused Kenya of violating its sovereignty. Kenya rejected the charge.",
            [("SDN", "KEN", "condemns"), ("KEN", "SDN", "condemns")],
            [],
        ),
        # An offer to mediate with no pair named: the two sides of the last clash ...
        (
            "Thai jets bombed Cambodia. Cambodian troops fired rockets at Thailand. Malaysia offered to mediate.",
            [("MYS", "THA", "talks"), ("MYS", "KHM", "talks")],
            [],
        ),
        # ... or the two just named in the same sentence.
        (
            "China urged Pakistan and Afghanistan to show restraint and offered to mediate.",
            [("CHN", "PAK", "talks"), ("CHN", "AFG", "talks"), ("CHN", "PAK", "demands")],
            [("PAK", "AFG", "talks")],
        ),
        # A mediator's efforts named as a noun are no offer of talks.
        ("Israel struck Gaza. Qatar said the bombing could undermine its mediation efforts.", [], [("QAT", "ISR", "talks")]),
        # A call for restraint after strikes each way is addressed to both sides ...
        (
            "Iran struck Pakistan. Pakistan struck Iran. China urged restraint.",
            [("CHN", "IRN", "demands"), ("CHN", "PAK", "demands")],
            [],
        ),
        # ... but not after one side's strikes alone.
        ("Russia struck Ukraine. China called for restraint.", [], [("CHN", "UKR", "demands")]),
        # "X said Y would have to ...": X demands it of Y.
        (
            "Senegal's president said France would have to close its military bases.",
            [("SEN", "FRA", "demands")],
            [("FRA", "SEN", "demands")],
        ),
        # Inside ", which ...", the clause's subject is the name before "which", not its first verb's object.
        (
            "Mali, which has expelled French troops and turned to Russia for military support, condemned the attack.",
            [("RUS", "MLI", "military_aid")],
            [("RUS", "FRA", "military_aid")],
        ),
        # "imports from Israel": where the goods come from is the target, not a doer.
        ("Turkey suspended all exports to and imports from Israel.", [("TUR", "ISR", "sanctions")], [("ISR", "TUR", "sanctions")]),
        ("Vietnam lodged a protest with China.", [("VNM", "CHN", "condemns")], []),
        # A demand to halt "the fighting" is made of the one who fought.
        (
            "Azerbaijan launched drone strikes on Armenia. France called for an immediate halt to the fighting.",
            [("FRA", "AZE", "demands")],
            [("FRA", "ARM", "demands")],
        ),
        # Recalling an envoy and storming an embassy are acts a later reaction may point at.
        ("Sudan recalled its ambassador from Kenya. Egypt condemned the move.", [("EGY", "SDN", "condemns")], []),
        (
            "Ecuadorian police stormed the Mexican embassy in Quito. The OAS condemned the intrusion.",
            [("OAS", "ECU", "condemns")],
            [("OAS", "MEX", "condemns")],
        ),
        # The doer's agents may stand between "after" and the verb; "called the raid a violation" names that act,
        # even when it was told as the background of another.
        (
            "MEXICO CITY, April 6 - Mexico suspended relations with Ecuador after Ecuadorian police forced their way"
            " into the Mexican embassy and arrested a former vice president. President Foo Bar called the raid a"
            " flagrant violation of international law.",
            [("MEX", "ECU", "condemns")],
            [("ECU", "MEX", "condemns")],
        ),
        # A reaction naming the act with a synonym of its trigger ("the intrusion") finds that act, not a later one.
        (
            "Ecuadorian police stormed the Mexican embassy. Nicaragua broke off relations with Quito. The OAS condemned the intrusion.",
            [("OAS", "ECU", "condemns")],
            [("OAS", "NIC", "condemns")],
        ),
        # "accused X of bombing": X is the doer, so it is said (reported), not the accuser.
        (
            "Russia accused Washington and London of bombing Yemen.",
            [("RUS", "USA", "condemns"), ("USA", "YEM", "attacks")],
            [("RUS", "YEM", "attacks")],
        ),
        ("Sudan cut ties with the United Arab Emirates, accusing the Gulf state of lying.", [("SDN", "ARE", "condemns")], []),
        ("KHARTOUM, May 7 - Defence Minister Foo called the Emirates an aggressor state.", [("SDN", "ARE", "condemns")], []),
        # "The country" after a preposition: the last other state named, not the doer ...
        (
            "Chad said it was ending its defence accord with France, a decision that means the departure of 1,000"
            " French soldiers stationed in the country.",
            [("FRA", "TCD", "troop_deployment")],
            [("FRA", "FRA", "troop_deployment")],
        ),
        # ... but as a subject, the speaker's own.
        (
            "Israel struck Iran on Saturday. Iran's president said the country would respond.",
            [("IRN", "ISR", "threatens")],
            [("ISR", "ISR", "threatens"), ("IRN", "IRN", "threatens")],
        ),
        ("France keeps military bases in Djibouti.", [("FRA", "DJI", "troop_deployment")], []),
        # "the sanctions the bloc had imposed on them": "them" may stand for a group named before it.
        (
            "Mali, Burkina Faso and Niger left ECOWAS. The three juntas called the sanctions the bloc had imposed on them illegal.",
            [("ECOWAS", "MLI", "sanctions"), ("ECOWAS", "NER", "sanctions"), ("MLI", "ECOWAS", "condemns")],
            [("MLI", "NER", "sanctions")],
        ),
        # "Their ally", "its ally": the last state no bare name of the sentence stands for.
        (
            "Russia expelled 20 Czech diplomats. Slovakia later expelled Russian diplomats in solidarity with their ally.",
            [("SVK", "CZE", "supports_verbally")],
            [("SVK", "RUS", "supports_verbally")],
        ),
        (
            "China protested to Japan. The U.S. ambassador to Japan said Washington stood with its ally.",
            [("USA", "JPN", "supports_verbally")],
            [("USA", "CHN", "supports_verbally")],
        ),
        # Asking a state to act is a demand of it; asking the Security Council to meet is an appeal for help.
        ("Mexico asked Lima to grant Chavez safe passage.", [("MEX", "PER", "demands")], []),
        ("Cambodia asked the UN Security Council to hold an urgent meeting.", [], [("KHM", "UNSC", "demands")]),
        # "Its two members" after a clash: its two sides, not the bloc's leader named in between.
        (
            "Kyrgyz troops shelled Tajik villages. Tajik forces attacked Kyrgyz posts. The CSTO, a Moscow-led bloc,"
            " offered to mediate between its two members.",
            [("CSTO", "KGZ", "talks"), ("CSTO", "TJK", "talks")],
            [("CSTO", "RUS", "talks")],
        ),
        # A name after a relative "that" is that clause's subject, not the trigger's object ...
        (
            "Algeria accused Morocco of backing a separatist group that Algiers blames for the fires.",
            [("DZA", "MAR", "condemns")],
            [("MAR", "DZA", "supports_verbally")],
        ),
        # ... but "demanded that X ..." names the one the demand is made of.
        ("Britain demanded that Rwandan troops leave Congo.", [("GBR", "RWA", "demands")], []),
        # A second doer joining the same act without naming the target again.
        (
            "The EU imposed sanctions on Iran, and Britain followed with its own asset freezes.",
            [("EU", "IRN", "sanctions"), ("GBR", "IRN", "sanctions")],
            [],
        ),
        (
            "NATO said it would send more troops to Kosovo, and Britain offered to deploy an infantry battalion.",
            [("GBR", "XKX", "troop_deployment")],
            [("GBR", "NATO", "troop_deployment")],
        ),
        # "strikes on its nuclear sites": the owner is the sentence's subject; not for an attack that may never be.
        (
            "Iran suspended cooperation with the IAEA after Israeli and American strikes on its nuclear sites.",
            [("ISR", "IRN", "attacks"), ("USA", "IRN", "attacks")],
            [("IRN", "IAEA", "attacks")],
        ),
        (
            "South Africa warned Rwanda that any further attack on its troops would be a declaration of war.",
            [("ZAF", "RWA", "threatens")],
            [("RWA", "ZAF", "attacks")],
        ),
        # Drills around a state are a show of force: a threat.
        ("China launched military drills around Taiwan.", [("CHN", "TWN", "threatens")], []),
        # A name inside a relative clause after the object is not the object.
        ("Egypt said it opposed any step that threatened Sudan's unity.", [], [("EGY", "SDN", "opposes")]),
        # A condition ("until X allows ...") is a demand of X, not an act of X.
        (
            "Turkey suspended all exports to Israel, saying the measures would stay until Israel allowed humanitarian aid into Gaza.",
            [("TUR", "ISR", "demands"), ("TUR", "ISR", "sanctions")],
            [("ISR", "PSE", "economic_aid")],
        ),
        # More of the verbs wire stories use for criticism, praise and dismay.
        ("Germany lambasted Russia.", [("DEU", "RUS", "condemns")], []),
        ("Poland commended Ukraine.", [("POL", "UKR", "supports_verbally")], []),
        ("Japan was dismayed by China's decision.", [("JPN", "CHN", "expresses_concern")], [("CHN", "JPN", "expresses_concern")]),
        (
            "Mexico suspended relations with Ecuador. Ecuador said granting him asylum was an abuse of diplomatic privileges.",
            [("ECU", "MEX", "condemns")],
            [],
        ),
        # A vow to retaliate with no target named: against the one who struck the speaker ...
        ("Israel struck Iran on Saturday. Tehran vowed to retaliate.", [("IRN", "ISR", "threatens")], []),
        ("Israel struck Iran on Saturday. Tehran said it would respond.", [("IRN", "ISR", "threatens")], []),
        ("Britain imposed sanctions on Iran. Tehran warned that it would respond firmly.", [("IRN", "GBR", "threatens")], []),
        # ... not by a bystander, nor what a warning warns against.
        ("Israel struck Iran on Saturday. Russia vowed to retaliate.", [], [("RUS", "ISR", "threatens")]),
        (
            "Somalia recalled its ambassador. Egypt warned Ethiopia against threatening its neighbours.",
            [("EGY", "ETH", "threatens")],
            [("ETH", "EGY", "threatens")],
        ),
    ],
)
def test_round_five_rules(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # A person introduced with an office and a nationality is that state's in later sentences ...
        (
            "Argentine President Javier Milei spoke in Buenos Aires. Milei condemned Venezuela.",
            [("ARG", "VEN", "condemns")],
            [],
        ),
        # ... with a possessive ("Senegal's President") or a counterpart ...
        (
            "Senegal's President Bassirou Diomaye Faye met French officials. Faye criticised France.",
            [("SEN", "FRA", "condemns")],
            [],
        ),
        # ... and an office alone under a dateline is the dateline's country's.
        (
            "BOGOTA, Jan 26 - President Gustavo Ramirez spoke on Sunday. Ramirez accused Peru of meddling.",
            [("COL", "PER", "condemns")],
            [],
        ),
        # Not one of two leaders named together, whose states may differ.
        (
            "LIMA, May 2 - Talks between President Ana Ruiz and President Luis Vega stalled. Vega criticised Chile.",
            [],
            [("PER", "CHL", "condemns")],
        ),
        # A state described, not named, is the last other state named ("the South American country").
        (
            "Colombia agreed to take back migrants, hours after Trump ordered tariffs against the South American country.",
            [("USA", "COL", "sanctions")],
            [("COL", "USA", "sanctions")],
        ),
        (
            "Gabon's army took power. France, which keeps soldiers in its former colony, called for calm.",
            [("FRA", "GAB", "troop_deployment")],
            [],
        ),
        # A coup is its own country's act: condemning it condemns that state, not the last actor who reacted.
        (
            "The African Union suspended Gabon from all its activities after army officers seized power. France condemned the coup.",
            [("AU", "GAB", "sanctions"), ("FRA", "GAB", "condemns")],
            [("FRA", "AU", "condemns")],
        ),
        # Calling a leader a dictator condemns his state.
        ("Argentina called Maduro a dictator.", [("ARG", "VEN", "condemns")], []),
        # Tariffs, visa bans and frozen funds are sanctions; thanks and congratulations are verbal support.
        ("Petro responded by ordering a 25% tariff on American imports.", [("COL", "USA", "sanctions")], []),
        ("The European Union froze funds for Hungary.", [("EU", "HUN", "sanctions")], []),
        ("Cuba thanked Mexico for its support.", [("CUB", "MEX", "supports_verbally")], []),
        # Restoring relations and brokering a truce are talks; signing a pact is the pact, not talks too.
        ("Saudi Arabia and Iran agreed to restore diplomatic relations.", [("SAU", "IRN", "talks")], []),
        ("Qatar brokered a ceasefire between Israel and Egypt.", [("QAT", "ISR", "talks"), ("QAT", "EGY", "talks")], []),
        ("Putin and Kim Jong Un signed a defense pact.", [], [("PRK", "RUS", "talks"), ("RUS", "PRK", "talks")]),
        # A refusal to rule out force is a threat; a denial answers the accuser.
        ("Trump refused to rule out military pressure on Denmark.", [("USA", "DNK", "threatens")], []),
        ("Moldova accused Russia of plotting a coup. Russia denied the accusation.", [("RUS", "MDA", "condemns")], []),
        # Money promised is economic aid; military aid is not also economic aid.
        ("Germany pledged 500 million euros in aid to Jordan.", [("DEU", "JOR", "economic_aid")], []),
        ("South Korea is providing military aid to Ukraine.", [("KOR", "UKR", "military_aid")], [("KOR", "UKR", "economic_aid")]),
        # Strikes inside a country target it.
        ("Pakistan carried out air strikes inside Afghanistan.", [("PAK", "AFG", "attacks")], []),
        # An office-holder introduced in the sentence is one side of its list ("and his Chinese counterpart").
        (
            "Honduran Foreign Minister Eduardo Reina and his Chinese counterpart Qin Gang signed a joint communique.",
            [("HND", "CHN", "talks")],
            [],
        ),
        # A dateline's capital, accents or none, makes an official named by office alone its country's.
        ("MALE, Jan 14 - President Mohamed Muizzu spoke. Muizzu visited China.", [("MDV", "CHN", "talks")], []),
        # A threat's condition names whom it is aimed at; "warned it would" is a threat.
        ("Iran warned it would retaliate if Israel attacked.", [("IRN", "ISR", "threatens")], []),
        (
            "Estonia warned that it would close its own crossings if Russia used the same tactics against it.",
            [("EST", "RUS", "threatens")],
            [],
        ),
        # Demands: told to stop; an apology asked of someone (not "restraint from all sides", read elsewhere).
        ("Beijing told Manila to stop provocations.", [("CHN", "PHL", "demands")], []),
        ("Pakistan demanded an apology from India.", [("PAK", "IND", "demands")], []),
        # Cutting supplies or flights is a sanction, and a cut supply is no aid.
        ("Russia cut gas supplies to Bulgaria.", [("RUS", "BGR", "sanctions")], [("RUS", "BGR", "economic_aid")]),
        ("Georgia suspended flights to Russia.", [("GEO", "RUS", "sanctions")], []),
        # Peacekeepers are troops; contact is talks; a violation of sovereignty, a provocation or a complaint condemns.
        ("Kazakhstan will send 500 peacekeepers to Tajikistan.", [("KAZ", "TJK", "troop_deployment")], []),
        ("Britain said it had been in contact with Canada.", [("GBR", "CAN", "talks")], []),
        ("Canada said India had violated Canada's sovereignty.", [("CAN", "IND", "condemns")], []),
        ("Seoul called Pyongyang's launch a grave provocation.", [("KOR", "PRK", "condemns")], []),
        ("Tokyo lodged a formal complaint with Beijing.", [("JPN", "CHN", "condemns")], []),
        # Criticising "the remarks" answers the last one who threatened, condemned or said it would act.
        (
            "Trump said he would impose tariffs on Denmark. German Chancellor Olaf Scholz criticised the remarks.",
            [("DEU", "USA", "condemns")],
            [("DEU", "DNK", "condemns")],
        ),
        (
            "Canada imposed tariffs on Mexico. Mexico called the tariffs unjustified.",
            [("MEX", "CAN", "condemns")],
            [],
        ),
        # Exchanges go both ways; fire exchanged is fighting; a ceasefire agreed or discussed matters are talks.
        ("India and Pakistan exchanged fire along the border.", [("IND", "PAK", "armed_conflict")], []),
        (
            "Armenia and Azerbaijan traded accusations over the shelling.",
            [("ARM", "AZE", "condemns"), ("AZE", "ARM", "condemns")],
            [],
        ),
        ("Thailand and Cambodia agreed to a ceasefire.", [("THA", "KHM", "talks")], []),
        ("Bangladesh and Myanmar discussed the return of refugees.", [("BGD", "MMR", "talks")], []),
        # "U.S.-brokered": the actor before a hyphen is a word of its own.
        (
            "A U.S.-brokered truce between Israel and Lebanon took effect.",
            [("USA", "ISR", "talks"), ("USA", "LBN", "talks")],
            [],
        ),
        # Condemning an attack on someone does not condemn its victim.
        ("Spain condemned the attack on the UN base in Lebanon.", [], [("ESP", "UN", "condemns")]),
        ("Serbia said Kosovo was provoking a conflict.", [("SRB", "XKX", "condemns")], []),
        # A reaction an act prompted is to the act's doer.
        (
            "Argentina expressed support for Bolivia's claim, prompting a protest from Santiago.",
            [("CHL", "ARG", "condemns")],
            [],
        ),
        # Soldiers who shoot dead another state's citizens attack it; an offer to host talks is mediation.
        ("Congolese soldiers shot dead two Zambian traders.", [("COD", "ZMB", "attacks")], []),
        (
            "The bloc urged Zambia and Malawi to settle the dispute, and Tanzania offered to host talks.",
            [("TZA", "ZMB", "talks"), ("TZA", "MWI", "talks")],
            [],
        ),
        # "The two coastal states" are the last two named; shared intelligence is military cooperation.
        (
            "Ghana and Togo met. The United States announced security assistance to the two coastal states.",
            [("USA", "GHA", "military_aid"), ("USA", "TGO", "military_aid")],
            [],
        ),
        ("Togo pledged to share intelligence with Ghana.", [("TGO", "GHA", "military_cooperation")], []),
        # "Kenya's foreign ministry said it": the possessor of a speaking office is the speaker.
        (
            "Somalia severed relations with Kenya. Kenya's foreign ministry said it regretted the decision.",
            [("KEN", "SOM", "expresses_concern")],
            [("SOM", "KEN", "expresses_concern")],
        ),
        # An official where he sits speaks for that state; troops where they are do not.
        ("A foreign ministry spokesman in Baku said France should stop blaming others.", [("AZE", "FRA", "demands")], []),
        (
            "South Korean officials are concerned that North Korean forces in Russia could attack.",
            [],
            [("KOR", "RUS", "expresses_concern")],
        ),
        # A dateline city that seats no government still names the home of officials named by office alone.
        (
            "ALMATY, Jan 6 - President Kassym-Jomart Tokayev asked for help. China expressed support for Tokayev.",
            [("CHN", "KAZ", "supports_verbally")],
            [],
        ),
        # Welcoming a decision backs whoever took it; not a warning, and "support for the operation" is no welcome.
        (
            "The EU imposed sanctions on Belarus. Poland, which has sent troops to the frontier, welcomed the decision.",
            [("POL", "EU", "supports_verbally")],
            [],
        ),
        (
            "Iran warned Azerbaijan against opening a corridor. The European Union welcomed the deal.",
            [],
            [("EU", "IRN", "supports_verbally")],
        ),
        # "Ordered officials to leave, accusing them": "them" are the officials; condemning the expulsion is the
        # expeller's; being shocked by it is concern.
        (
            "Ethiopia ordered seven United Nations officials to leave the country, accusing them of meddling. "
            "UN chief Antonio Guterres said he was shocked by the decision. The United States condemned the expulsions.",
            [("ETH", "UN", "condemns"), ("UN", "ETH", "expresses_concern"), ("USA", "ETH", "condemns")],
            [("USA", "UN", "condemns")],
        ),
        # Security and policing deals are military cooperation; training police is training.
        (
            "Australia and Papua New Guinea signed a security agreement. Canberra will help train the Pacific nation's police.",
            [("AUS", "PNG", "military_cooperation"), ("AUS", "PNG", "military_training")],
            [],
        ),
        ("Russia flew two bombers over Belarus in a show of support for Minsk.", [("RUS", "BLR", "supports_verbally")], []),
        # A by-phrase far from the subject still has it as the other party ("... under a deal brokered by Russia").
        (
            "Armenia and Azerbaijan agreed on Tuesday to stop six weeks of fighting over the enclave under a deal "
            "brokered by Russian President Vladimir Putin.",
            [("ARM", "AZE", "armed_conflict"), ("RUS", "ARM", "talks"), ("RUS", "AZE", "talks")],
            [],
        ),
        # An act held over another is a threat; breaking off ties is done "with" the other.
        (
            "Turkish President Tayyip Erdogan said Ankara was considering suspending diplomatic relations with the UAE.",
            [("TUR", "ARE", "threatens")],
            [],
        ),
        # A by-phrase after the act named is its doer; "its NATO ally" is the ally of this clause, not of the last.
        (
            "The Palestinians recalled their envoy. Iran denounced the move as an act of folly by Abu Dhabi.",
            [("IRN", "ARE", "condemns")],
            [("IRN", "PSE", "condemns")],
        ),
        (
            "Taiwan thanked Lithuania for standing firm, and Washington stood in solidarity with its NATO ally.",
            [("USA", "LTU", "supports_verbally")],
            [],
        ),
        # Talks in a capital are with its government; negotiations among several are between each two of them.
        ("A U.S. envoy held talks in Honiara on Friday.", [("USA", "SLB", "talks")], []),
        ("Negotiations among Egypt, Ethiopia and Sudan are due to resume.", [("EGY", "SDN", "talks"), ("ETH", "SDN", "talks")], []),
        # Reactions to "the pact" are to its parties, unless the reactor is one of them.
        (
            "Solomon Islands signed a security pact with China. Australia said it was deeply disappointed by the pact.",
            [("AUS", "SLB", "expresses_concern"), ("AUS", "CHN", "expresses_concern")],
            [],
        ),
        (
            "India and China agreed on a border deal. China welcomed the deal.",
            [],
            [("CHN", "IND", "supports_verbally")],
        ),
        # Insults condemn; a phone call is talks.
        ("Albares said Argentina had insulted Spain.", [("ARG", "ESP", "condemns")], []),
        ("Trump announced the accord after a telephone call with Israel.", [("USA", "ISR", "talks")], []),
        # "He" opening a sentence is the person the last one was about; a leader named in full is later named by
        # surname.
        (
            "MADRID, May 21 - Foreign Minister Jose Manuel Albares said Argentina had insulted Spain. "
            "He warned Argentina it would bear the consequences.",
            [("ESP", "ARG", "threatens")],
            [],
        ),
        (
            "Pedro Sanchez spoke on Monday. Argentine President Javier Milei said Sanchez should apologise.",
            [("ARG", "ESP", "demands")],
            [],
        ),
        # Talks are an agreement only when they end in one: reactions to "the pact" skip talks held since.
        (
            "Solomon Islands signed a security pact with China. A U.S. envoy held talks in Honiara. "
            "Australia said it was deeply disappointed by the pact.",
            [("AUS", "CHN", "expresses_concern")],
            [("AUS", "USA", "expresses_concern")],
        ),
        # "Imports from Colombia" come from the target; a "from" before a verb is no doer of it.
        (
            "Ecuador will impose a 30% tariff on imports from Colombia, Noboa said, accusing Bogota of failing.",
            [("ECU", "COL", "sanctions"), ("ECU", "COL", "condemns")],
            [("COL", "ECU", "sanctions"), ("COL", "ECU", "condemns")],
        ),
        # "The three countries" may be this sentence's own list of three; "the two neighbours" after the doers'
        # trigger are not the doers.
        (
            "Israel recalled its ambassadors to Ireland, Norway and Spain after the three countries said they would recognise Palestine.",
            [("IRL", "PSE", "supports_verbally"), ("ESP", "PSE", "supports_verbally")],
            [("ISR", "PSE", "supports_verbally")],
        ),
        (
            "Algeria broke off relations with Morocco. Saudi Arabia and the Gulf Cooperation Council urged the two neighbours to talk.",
            [("SAU", "DZA", "demands"), ("SAU", "MAR", "demands")],
            [("SAU", "GCC", "demands")],
        ),
        # A measure announced ("will impose") is an act a reaction answers; one that could come is not.
        (
            "Ecuador will impose a tariff on Colombian goods. Colombia called the measure an act of aggression.",
            [("COL", "ECU", "condemns")],
            [],
        ),
        (
            "Ecuador could impose a tariff on Colombian goods. Peru called the measure an act of aggression.",
            [],
            [("PER", "ECU", "condemns")],
        ),
        # A relative clause led by a preposition ("to which both countries belong") is skipped like one led by
        # "which"; regional organisations the tables now name.
        (
            "Ecuador and Colombia quarrelled. The Andean Community, to which both countries belong, urged the two "
            "governments to respect the rules.",
            [("ANDEAN", "ECU", "demands"), ("ANDEAN", "COL", "demands")],
            [],
        ),
        ("The Caribbean Community condemned Venezuela's actions.", [("CARICOM", "VEN", "condemns")], []),
        # Pulling out of talks ends them: no talks are told, and the pull-out is an act others react to.
        (
            "Russia said it was pulling out of peace treaty negotiations with Japan. Japan called the decision unacceptable.",
            [("JPN", "RUS", "condemns")],
            [("RUS", "JPN", "talks")],
        ),
        # A headline of any length without a closing mark is shorthand, not a sentence.
        (
            "Biden and Modi seal engine and drone deals; Pakistan protests joint statement\n"
            "U.S. President Joe Biden hosted Indian Prime Minister Narendra Modi, with the two leaders holding talks.",
            [("USA", "IND", "talks")],
            [("IND", "PAK", "talks"), ("PAK", "USA", "talks")],
        ),
        # Epithets that name one state; a described state's noun inside a name is the name's.
        (
            "Iran fired missiles at Iraqi bases. Washington would impose sanctions on the Islamic Republic.",
            [("USA", "IRN", "sanctions")],
            [("USA", "IRQ", "sanctions")],
        ),
        ("France sent troops to the Central African Republic.", [("FRA", "CAF", "troop_deployment")], []),
        # A compound adjective ("quake-hit") is no act.
        (
            "The United States pledged humanitarian assistance for the quake-hit regions of Turkey and Syria.",
            [("USA", "TUR", "economic_aid"), ("USA", "SYR", "economic_aid")],
            [],
        ),
        ("Yerevan sent rescuers and relief supplies to help Turkey.", [("ARM", "TUR", "economic_aid")], []),
        # Barrages are attacks; "told X not to" demands; a map, a resolution or a ruling may be rejected.
        (
            "Iran launched missiles at U.S. forces. NATO also condemned the barrage, and Britain told Tehran not to repeat it.",
            [("NATO", "IRN", "condemns"), ("GBR", "IRN", "demands")],
            [],
        ),
        ("India rejected a new political map released by Nepal.", [("IND", "NPL", "condemns")], []),
        # A judgment's object follows it at once: a name further on belongs to another predicate.
        (
            "Pakistan's foreign ministry, which had called the reference unwarranted and one-sided, summoned the "
            "deputy chief of the U.S. mission.",
            [("PAK", "USA", "condemns")],
            [("USA", "PAK", "condemns")],
        ),
        # "Their" opening a sentence: the last several actors named together.
        (
            "Britain and France held talks in Paris. Their joint statement condemned Iran.",
            [("GBR", "IRN", "condemns"), ("FRA", "IRN", "condemns")],
            [],
        ),
        # In a coup story "the army", "the generals" are the coup's country; "described the takeover as an attack"
        # condemns, it attacks no one; a by-phrase of one predicate is no doer of the next.
        (
            "WASHINGTON, Feb 11 - The United States imposed sanctions on Myanmar's army chief, ten days after the army "
            "seized power and detained the elected leader Aung San Suu Kyi. President Joe Biden, who has described the "
            "takeover as an attack on democracy, demanded that the generals give up power. The UN Security Council "
            "voiced concern over the emergency declared by the army and called for the release of all those detained.",
            [("USA", "MMR", "demands"), ("USA", "MMR", "condemns"), ("UNSC", "MMR", "expresses_concern")],
            [("USA", "MMR", "attacks"), ("MMR", "UNSC", "demands")],
        ),
        # Suspending contacts ends them; units are trained; matching measures share the last target.
        ("New Zealand suspended all high-level political and military contacts with Myanmar.", [], [("NZL", "MMR", "talks")]),
        ("The European Union is preparing a mission to train Mozambican units.", [("EU", "MOZ", "military_training")], []),
        (
            "The EU imposed asset freezes on Chinese officials. Britain and Canada announced matching measures.",
            [("GBR", "CHN", "sanctions"), ("CAN", "CHN", "sanctions")],
            [],
        ),
        ("Russia suspended talks with Ukraine and launched strikes on Kyiv.", [("RUS", "UKR", "attacks")], []),
        # A place opening the sentence starts no list with the speaker after it.
        (
            "India and Nepal quarrelled. In Beijing, the Chinese foreign ministry urged both neighbours to avoid unilateral steps.",
            [("CHN", "IND", "demands"), ("CHN", "NPL", "demands")],
            [],
        ),
        # "Their" after two met; talks are with, between or to someone, not on a topic or another verb's object;
        # "General Electric" is no general.
        (
            "ISLAMABAD, June 27 - U.S. President Joe Biden hosted Indian Prime Minister Narendra Modi. General Electric "
            "agreed to produce engines in India. Their joint statement called on Pakistan to act.",
            [("USA", "PAK", "demands"), ("IND", "PAK", "demands")],
            [("USA", "PAK", "talks"), ("IND", "PAK", "talks"), ("PAK", "IND", "talks")],
        ),
        ("Britain held talks on Iran's nuclear programme with France.", [("GBR", "FRA", "talks")], [("GBR", "IRN", "talks")]),
        # An organisation suspending a member until ...; a coup reported from its own capital is that state's even
        # when the first to name it is a reactor; "the seizure of power" is the coup.
        (
            "KHARTOUM, Oct 28 - The African Union suspended Sudan until civilian rule is restored. The United States "
            "condemned the takeover. The U.N. Security Council voiced serious concern over the seizure of power.",
            [("AU", "SDN", "sanctions"), ("USA", "SDN", "condemns"), ("UNSC", "SDN", "expresses_concern")],
            [("USA", "USA", "condemns"), ("UNSC", "AU", "expresses_concern")],
        ),
        # Aid flown in with no receiver named goes where the last aid went; a name after "and" before a verb starts
        # a clause of its own.
        (
            "World leaders pledged emergency aid for Lebanon. Qatar sent field hospitals and Iran dispatched planes with medical supplies.",
            [("QAT", "LBN", "economic_aid"), ("IRN", "LBN", "economic_aid")],
            [("QAT", "IRN", "economic_aid")],
        ),
        # Artillery that pounded positions attacks; "stood by" takes its object; ministers meeting in an
        # organisation's seat met no one; "the regime and its backer Russia" is one list.
        (
            "Turkish artillery and drones pounded Syrian government positions. NATO ambassadors met in Brussels. "
            "Stoltenberg's alliance condemned the strikes by the Syrian regime and its backer Russia. "
            "Washington stood by its NATO ally Turkey.",
            [("TUR", "SYR", "attacks"), ("USA", "TUR", "supports_verbally")],
            [("NATO", "EU", "talks"), ("TUR", "USA", "supports_verbally")],
        ),
        # "In Moscow, Foreign Minister Sergei Lavrov" is Moscow's, whatever the dateline; air defence batteries are
        # arms.
        (
            "WASHINGTON, Dec 14 - The U.S. sanctioned Turkey. In Moscow, Foreign Minister Sergei Lavrov spoke. "
            "Lavrov condemned Washington. Russia delivered the first air defence batteries to Turkey.",
            [("RUS", "USA", "condemns"), ("RUS", "TUR", "arms_transfer")],
            [("USA", "USA", "condemns")],
        ),
        # A dateline from an enclave names its state; the European Council is the EU; voting with a state backs it.
        (
            "CEUTA, May 18 - Foreign Minister Arancha Gonzalez Laya summoned Morocco's ambassador. European Council "
            "President Charles Michel expressed solidarity with Spain.",
            [("ESP", "MAR", "condemns"), ("EU", "ESP", "supports_verbally")],
            [],
        ),
        ("Only five states, among them the United States, voted with London.", [("USA", "GBR", "supports_verbally")], []),
        # "The country" as the first trigger's object is another state, not the speaker's.
        (
            "France sent aid to Lebanon. French President Emmanuel Macron urged the country's leaders to carry out reforms.",
            [("FRA", "LBN", "demands")],
            [],
        ),
        # "Ankara's purchase of Russia's S-400": the possessor receives; a delivery to the reactor is not what it
        # condemns; "disregard for international law" condemns.
        (
            "The United States imposed sanctions on Turkey over Ankara's purchase of Russia's S-400 air defence "
            "system. Russia delivered the first batteries in July. Turkey condemned the decision as a grave mistake.",
            [("RUS", "TUR", "arms_transfer"), ("TUR", "USA", "condemns")],
            [("RUS", "USA", "arms_transfer"), ("TUR", "RUS", "condemns")],
        ),
        # Second reader's cases: none of these may regress.
        ("The United States launched strikes in Syria, Iraq and Yemen.", [("USA", "IRQ", "attacks"), ("USA", "YEM", "attacks")], []),
        (
            "Ukraine received weapons shipments from the United States.",
            [("USA", "UKR", "arms_transfer")],
            [("UKR", "USA", "arms_transfer")],
        ),
        ("Russia abandoned restraint and shelled Ukraine.", [("RUS", "UKR", "attacks")], []),
        ("Days after the truce ended Russia attacked Ukraine.", [("RUS", "UKR", "attacks")], []),
        (
            "Iran condemned Israel's strike on its consulate in Damascus on Monday, calling it a violation of "
            "international law and vowing to respond",
            [("IRN", "ISR", "condemns")],
            [],
        ),
        ("Israel carried out air-strikes on Syria.", [("ISR", "SYR", "attacks")], []),
        ("Ukraine launched a counter-attack against Russia.", [("UKR", "RUS", "attacks")], []),
        (
            "WASHINGTON (Reuters) - Russia said President Ilham Aliyev condemned Armenia. Aliyev also condemned France.",
            [],
            [("USA", "ARM", "condemns"), ("USA", "FRA", "condemns")],
        ),
        (
            "Argentine President Javier Milei Tuesday met Chilean officials. On Tuesday Milei condemned Iran.",
            [("ARG", "IRN", "condemns")],
            [],
        ),
        ("Sudan's President Abdel Fattah al-Burhan spoke. Burhan condemned Ethiopia.", [("SDN", "ETH", "condemns")], []),
        (
            "Pakistan criticised China's takeover of the port. Later the army fired shells at India.",
            [],
            [("CHN", "IND", "attacks")],
        ),
        (
            "Russia's army chief praised the soldiers who seized power in Niger. France condemned the coup.",
            [("FRA", "NER", "condemns")],
            [("FRA", "RUS", "condemns")],
        ),
        ("GENEVA, March 3 (Reuters) - Foreign Minister Ali Bagheri condemned Israel.", [], [("CHE", "ISR", "condemns")]),
        ("Turkey condemned Syria. The Sunshine State attacked Iraq.", [], [("SYR", "IRQ", "attacks")]),
        ("China agreed to supply batteries to Germany.", [], [("CHN", "DEU", "arms_transfer")]),
        ("Russia shipped oil to India.", [], [("RUS", "IND", "economic_aid")]),
        ("Britain recognised the threat from Iran.", [], [("IRN", "GBR", "supports_verbally")]),
        ("Britain recognised Kosovo in 2008.", [("GBR", "XKX", "supports_verbally")], []),
        ("Male officials condemned India.", [], [("MDV", "IND", "condemns")]),
        (
            "Russia attacked Ukraine. France said its ally Germany would send troops to Poland.",
            [("DEU", "POL", "troop_deployment")],
            [("UKR", "POL", "troop_deployment")],
        ),
        # dev11: an act's noun is no description ("the attack state terrorism"); the doer's own name is no target;
        # what is discussed is a topic; a law condemned in a story filed from a capital is that state's.
        (
            "DOHA, Sept 9 - Israel carried out an air strike in the Qatari capital. Qatari Prime Minister Sheikh "
            "Mohammed bin Abdulrahman Al Thani called the attack state terrorism.",
            [("QAT", "ISR", "condemns")],
            [("QAT", "PSE", "condemns")],
        ),
        (
            "South Korea demanded the release of a South Korean-flagged tanker seized by Iran's Revolutionary Guards.",
            [("KOR", "IRN", "demands")],
            [],
        ),
        ("Hamas officials gathered in Doha to discuss a U.S. proposal.", [], [("QAT", "USA", "talks")]),
        ("India discussed trade with Japan.", [("IND", "JPN", "talks")], []),
        (
            "KAMPALA, Aug 9 - The World Bank suspended new lending to Uganda. The European Union also condemned the legislation.",
            [("EU", "UGA", "condemns")],
            [],
        ),
        # "Battle tanks" are no battle; arms given or ordered are arms, a long quantity before them too; "met X"
        # is talks; aid flights to a described state start its aid.
        (
            "Poland agreed to buy 1,000 K2 battle tanks from South Korea. Warsaw has given Kyiv more than 200 "
            "Soviet-designed T-72 tanks. Poland has also ordered 250 Abrams tanks from the United States.",
            [("KOR", "POL", "arms_transfer"), ("POL", "UKR", "arms_transfer"), ("USA", "POL", "arms_transfer")],
            [("KOR", "POL", "armed_conflict")],
        ),
        ("Zelensky's Ukraine met U.S. President Joe Biden.", [("UKR", "USA", "talks")], []),
        (
            "Planes landed in Tonga, the first aid flights to reach the Pacific kingdom since the eruption. Japan said "
            "it would send a navy vessel with drinking water.",
            [("JPN", "TON", "economic_aid")],
            [],
        ),
        # "The attempt", "the mobilisation of troops" name a coup already told; they tell none by themselves.
        (
            "LA PAZ, June 26 - Bolivian soldiers pulled back, hours after what President Luis Arce denounced as an "
            "attempted coup. The Organization of American States condemned the mobilisation of troops. Brazil also "
            "condemned the attempt.",
            [("OAS", "BOL", "condemns"), ("BRA", "BOL", "condemns")],
            [],
        ),
        ("Russia condemned the attempt to reach a deal. France condemned the mobilisation.", [], [("FRA", "RUS", "condemns")]),
        # A veto is an act reactions answer; "an act of cruelty" condemns; the "and" inside a list is no second
        # predicate; food delivered to people in a state is aid to it; "the world body" is the last organisation.
        (
            "Russia vetoed a Security Council resolution. U.S. Ambassador Linda Thomas-Greenfield called the veto an "
            "act of cruelty, and Britain and France also condemned Moscow's decision.",
            [("USA", "RUS", "condemns"), ("GBR", "RUS", "condemns"), ("FRA", "RUS", "condemns")],
            [],
        ),
        (
            "The United Nations runs the crossing, the route by which the world body delivers food and medicine to "
            "four million people in Syria.",
            [("UN", "SYR", "economic_aid")],
            [],
        ),
        ("South Korea's vice foreign minister will make a trip to Tehran.", [("KOR", "IRN", "talks")], []),
        # "Any attack" is none told.
        ("The build-up is meant to deter Moscow from any attack on Polish soil.", [], [("RUS", "POL", "attacks")]),
        # dev12: troops pushing into a state attack it, and condemning "the offensive" answers them; an organisation
        # meeting in a capital meets no host; a threat to destroy; a visit planned ("to travel to") is talks, travel
        # advice is not; "Hague-based" names no actor; "the court" is the last organisation named.
        (
            "WASHINGTON, Oct 14 - Turkish troops pushed into northeastern Syria. European Union foreign ministers "
            "condemned the offensive. The Arab League denounced the operation at an emergency meeting in Cairo. "
            "Trump said he was fully prepared to swiftly destroy Turkey's economy. Vice President Mike Pence is to "
            "travel to Ankara.",
            [("TUR", "SYR", "attacks"), ("EU", "TUR", "condemns"), ("USA", "TUR", "threatens"), ("USA", "TUR", "talks")],
            [("ARAB_LEAGUE", "EGY", "talks")],
        ),
        ("Beijing advised its citizens to avoid travel to Japan.", [], [("CHN", "JPN", "talks")]),
        (
            "Trump sanctioned officials of the International Criminal Court, accusing the Hague-based court of "
            "baseless actions. The court condemned the order.",
            [("USA", "ICC", "sanctions"), ("ICC", "USA", "condemns")],
            [("USA", "NLD", "condemns")],
        ),
        # A name with its office in an apposition ("Antonio Costa, president of the European Council,").
        (
            "Antonio Costa, president of the European Council, spoke. Costa condemned the United States. Josep "
            "Borrell, the EU's foreign policy chief, spoke too. Borrell condemned Russia.",
            [("EU", "USA", "condemns"), ("EU", "RUS", "condemns")],
            [],
        ),
        # "The court" is the last organisation whose name says court, not the last organisation named.
        (
            "Trump sanctioned officials of the International Criminal Court. The U.N. human rights office urged "
            "Washington to reverse the decision. Netanyahu denounced the court.",
            [("UN", "USA", "demands")],
            [("ISR", "UN", "condemns")],
        ),
        # A company's name is no state ("a Ukraine International Airlines jet").
        (
            "Iran admitted that its air defences had shot down a Ukraine International Airlines jet.",
            [],
            [("IRN", "UKR", "attacks")],
        ),
        # dev13: loans approved and support released are aid (to the last receiver when none is named); "the fund"
        # is the organisation whose name says fund; a supplier that will stop selling to a buyer sanctions it.
        (
            "The International Monetary Fund approved a $3 billion loan for Sri Lanka. President Ranil Wickremesinghe "
            "thanked the fund. The Asian Development Bank said it would release further support.",
            [("IMF", "LKA", "economic_aid"), ("ADB", "LKA", "economic_aid")],
            [],
        ),
        ("Moscow warned it would stop selling oil to the European Union.", [("RUS", "EU", "sanctions")], []),
        # A court's order is a demand; welcoming "the ruling" backs who ruled, and a name after "and said" is what was
        # said's subject, not what was welcomed; "a strategic mistake by Washington" condemns; militias backed by Iran
        # are backed, not the sentence's subject.
        (
            "The International Court of Justice ordered Israel to take all measures to prevent acts of genocide. "
            "South Africa welcomed the ruling and said Israel must now stop the killing.",
            [("ICJ", "ISR", "demands"), ("ZAF", "ICJ", "supports_verbally"), ("ZAF", "ISR", "demands")],
            [("ZAF", "ISR", "supports_verbally")],
        ),
        (
            "The United States struck targets in Iraq, hitting militias backed by Iran's Revolutionary Guards. Iran's "
            "foreign ministry called the strikes a strategic mistake by Washington.",
            [("USA", "IRQ", "attacks"), ("IRN", "USA", "condemns")],
            [("IRN", "USA", "supports_verbally")],
        ),
        # "A meeting of the UN Security Council" names no official: the one who asked for it accuses.
        (
            "Russia requested a meeting of the UN Security Council and accused Washington of bombing Yemen.",
            [("RUS", "USA", "condemns")],
            [("UNSC", "USA", "condemns")],
        ),
    ],
)
def test_round_six_rules(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # A second predicate's subject is its own clause's, not the first clause's speaker.
        (
            "France said it expected compliance, while Turkey welcomed the ruling and urged Israel to abide by it.",
            [("TUR", "ISR", "demands")],
            [("FRA", "ISR", "demands")],
        ),
        # ... but a relative clause closed before the verb is inside the clause.
        (
            "China, which has close ties with both neighbours, urged Pakistan and Afghanistan to exercise restraint.",
            [("CHN", "PAK", "demands"), ("CHN", "AFG", "demands")],
            [],
        ),
        # "he" after an opening phrase is the person named last, as it is opening the sentence.
        (
            "South African President Cyril Ramaphosa hosted the summit. On the eve of the summit he held talks in"
            " Pretoria with Chinese President Xi Jinping.",
            [("ZAF", "CHN", "talks")],
            [],
        ),
        # A country whose name is its own adjective is a name as a subject too.
        ("New Zealand condemned France.", [("NZL", "FRA", "condemns")], []),
        ("New Zealand troops were sent to Tonga.", [("NZL", "TON", "troop_deployment")], []),
        # Aid halted, paused or cut is a measure against its receiver, as aid frozen is.
        ("The United States halted aid to Niger.", [("USA", "NER", "sanctions")], []),
        ("New Zealand paused its funding for Samoa.", [("NZL", "WSM", "sanctions")], []),
        # Who recognises a government is no actor of the clause ("the U.N.-recognised government in Tripoli").
        (
            "Fayez al-Sarraj, head of the U.N.-recognised government in Tripoli, met German Chancellor Angela Merkel.",
            [("LBY", "DEU", "talks")],
            [("UN", "DEU", "talks")],
        ),
        # A speech praised is its speaker's, whoever spoke last when no one threatened or condemned.
        (
            "French President Emmanuel Macron said France bore responsibility. Rwandan President Paul Kagame praised the speech.",
            [("RWA", "FRA", "supports_verbally")],
            [],
        ),
        # Jets by their designation (one token, as spaCy splits no "F-16"); a participle before its noun is no
        # predicate of its own ("used jets").
        ("Denmark has also pledged F-16s to Ukraine.", [("DNK", "UKR", "arms_transfer")], []),
        ("Argentina agreed to buy 24 used F-16 fighter jets from Denmark.", [("DNK", "ARG", "arms_transfer")], []),
        # A resolution condemned is its sponsor's words.
        (
            "The IAEA board passed a resolution criticising Iran. Iran's foreign ministry condemned the resolution.",
            [("IRN", "IAEA", "condemns")],
            [],
        ),
        (
            "Russian President Vladimir Putin spoke to reporters. Days earlier he had promised Belarusian leader"
            " Alexander Lukashenko military assistance.",
            [("RUS", "BLR", "military_aid")],
            [],
        ),
        # "The island" is the last island state named, not the last state.
        (
            "The United States tightened the embargo on Cuba. Mexico's president said the U.S. embargo hurt and that"
            " Mexico would ship food, fuel and medical supplies to the island.",
            [("MEX", "CUB", "economic_aid")],
            [("MEX", "USA", "economic_aid")],
        ),
        (
            "India sent aid to the Maldives. Pakistan criticised the archipelago's government.",
            [("PAK", "MDV", "condemns")],
            [("PAK", "IND", "condemns")],
        ),
        # One meets a state through its official ("met the head of U.S. Southern Command").
        (
            "Argentine President Javier Milei met the head of U.S. Southern Command in Ushuaia.",
            [("ARG", "USA", "talks")],
            [],
        ),
        ("Argentine President Javier Milei met the threat from Chile.", [], [("ARG", "CHL", "talks")]),
        # "it" leading a clause of reason is the sentence's subject; vaccine doses delivered are aid.
        (
            "Rubio said the European Union would have to be involved because it had imposed sanctions on Russia.",
            [("EU", "RUS", "sanctions")],
            [],
        ),
        ("Macron said France would deliver 100,000 doses of COVID-19 vaccine to Rwanda.", [("FRA", "RWA", "economic_aid")], []),
        ("Germany said it would extend its air policing mission over Poland.", [("DEU", "POL", "military_cooperation")], []),
        # An organisation named by its head noun: only one whose name has it ("the assembly"), or the last one ("the
        # lender").
        (
            "The UN General Assembly voted for the resolution. Israel accused the assembly of rewarding terrorism.",
            [("ISR", "UNGA", "condemns")],
            [],
        ),
        ("The ICJ ruled on Monday. Israel accused the assembly of bias.", [], [("ISR", "ICJ", "condemns")]),
        ("The IMF approved a loan for Pakistan. The lender had pressed Islamabad to raise taxes.", [("IMF", "PAK", "demands")], []),
        # A reaction with no target answers the act told after "after" in its sentence.
        (
            "Australia and New Zealand voiced concern on Saturday after a Chinese naval task group held live-fire drills.",
            [("AUS", "CHN", "expresses_concern"), ("NZL", "CHN", "expresses_concern")],
            [],
        ),
        ("Japan expressed concern after talks with China.", [], [("JPN", "CHN", "expresses_concern")]),
        # The AU's Peace and Security Council is the AU's, not the UN Security Council.
        (
            "The African Union's Peace and Security Council voiced grave concern over Chad.",
            [("AU", "TCD", "expresses_concern")],
            [("UNSC", "TCD", "expresses_concern")],
        ),
        # Loans refinanced are aid; a warning that an act "could expose" a state to sanctions threatens it.
        ("China had refinanced billions of dollars of maturing loans for Pakistan.", [("CHN", "PAK", "economic_aid")], []),
        ("Washington has warned that the purchase could expose India to sanctions.", [("USA", "IND", "threatens")], []),
        # A protest made by an act is against the one it was done to.
        ("Jordan recalled its ambassador from Israel on Wednesday in protest at the war.", [("JOR", "ISR", "condemns")], []),
        # A matter raised with, or words told to, a counterpart are talks ("his", "her" before a name keep its
        # preposition).
        (
            "SYDNEY, Feb 22 - Foreign Minister Penny Wong raised the matter with her Chinese counterpart Wang Yi.",
            [("AUS", "CHN", "talks")],
            [],
        ),
        (
            "In a telephone call, Indian Foreign Minister Subrahmanyam Jaishankar told his Chinese counterpart, Wang Yi,"
            " that the violence had been premeditated.",
            [("IND", "CHN", "talks")],
            [],
        ),
        (
            "Washington has offered $40 million in military financing to help Buenos Aires pay for the package.",
            [("USA", "ARG", "military_aid")],
            [],
        ),
        # Two parties agreeing hold talks; allies agreeing on a step against a third do not; talks demanded are not
        # held.
        (
            "British Prime Minister Rishi Sunak and European Commission President Ursula von der Leyen agreed on Monday"
            " to overhaul the trade rules.",
            [("GBR", "EU", "talks")],
            [],
        ),
        (
            "The United States, the European Union, Britain and Canada agreed to remove selected Russian banks from SWIFT.",
            [],
            [("USA", "CAN", "talks"), ("EU", "GBR", "talks")],
        ),
        ("Blinken pressed Israeli leaders to agree to humanitarian pauses with Turkey.", [], [("ISR", "TUR", "talks")]),
        # "The kingdom" is the last kingdom named, not the last state.
        (
            "Saudi Arabia deposited $2 billion and a further $1 billion came from the United Arab Emirates. Prime"
            " Minister Shehbaz Sharif of Pakistan thanked the kingdom for its help.",
            [("PAK", "SAU", "supports_verbally")],
            [("PAK", "ARE", "supports_verbally")],
        ),
        # "Congo" alone is DR Congo, as wire style has it; the Republic of Congo is named in full.
        ("Rwandan troops are fighting alongside the rebels inside Congo.", [("RWA", "COD", "armed_conflict")], []),
        ("The Republic of Congo condemned Rwanda.", [("COG", "RWA", "condemns")], [("COD", "RWA", "condemns")]),
        # Banks cut off from SWIFT are sanctioned; forces pressing an invasion demand nothing.
        (
            "The United States and Canada agreed to remove selected Russian banks from the SWIFT payments system as"
            " Russian forces pressed their invasion of Ukraine.",
            [("USA", "RUS", "sanctions"), ("CAN", "RUS", "sanctions")],
            [("RUS", "USA", "demands"), ("RUS", "CAN", "demands")],
        ),
        # The UN's agencies and missions are the UN.
        ("Germany froze its funding to UNRWA.", [("DEU", "UN", "sanctions")], []),
        # A title before a leader already known is the leader's, not the dateline country's.
        (
            "BEIJING, Aug 21 - President Tsai Ing-wen thanked the U.S. government.",
            [("TWN", "USA", "supports_verbally")],
            [("CHN", "USA", "supports_verbally")],
        ),
        # "Both leaders" may be an organisation's leader.
        (
            "British Prime Minister Rishi Sunak and European Commission President Ursula von der Leyen agreed on Monday"
            " to overhaul the rules. U.S. President Joe Biden praised both leaders, and Irish Prime Minister Leo Varadkar"
            " welcomed the accord.",
            [("USA", "EU", "supports_verbally"), ("USA", "GBR", "supports_verbally")],
            [("USA", "IRL", "supports_verbally")],
        ),
        # "They" opening a sentence, like "Their", is the last two who met.
        (
            "Russian President Vladimir Putin held talks with Indian Prime Minister Narendra Modi. Putin described India"
            " as a friend. They also extended their programme of military-technical cooperation for another ten years.",
            [("RUS", "IND", "military_cooperation")],
            [],
        ),
        # The second reader's cases (round seven): a truce's pauses, a forecast cut and deposits frozen are no
        # measures or aid; "a peaceful resolution" answers no one; "the committee chairman said he" is not the person
        # named before; talks held after a demand are held; "the island of Taiwan" is Taiwan; "the kingdom" in what
        # Riyadh says may be Riyadh; a leader named with another state's office held it; "the lender" is a lender.
        ("Israel agreed to daily pauses in fighting to let aid reach Gaza.", [], [("ISR", "PSE", "sanctions")]),
        ("The EU froze $300 billion in Russian central bank deposits held in Belgium.", [], [("EU", "BEL", "economic_aid")]),
        (
            "Russia warned Ukraine against joining NATO. India urged a peaceful resolution of the crisis through dialogue.",
            [],
            [("IND", "RUS", "demands")],
        ),
        (
            "Zelensky visited Washington on Monday. The chairman of the committee said he would urge Russia to withdraw.",
            [],
            [("UKR", "RUS", "demands")],
        ),
        ("Turkey urged calm and sent its foreign minister to talks with Iran in Tehran.", [("TUR", "IRN", "talks")], []),
        (
            "Japan condemned the drills. Chinese warships encircled the island of Taiwan on Monday.",
            [("CHN", "TWN", "threatens")],
            [("CHN", "JPN", "threatens")],
        ),
        (
            "Britain condemned the Houthi attack on Monday. Saudi Arabia said missiles fired at the kingdom had been intercepted.",
            [],
            [("SAU", "GBR", "attacks")],
        ),
        (
            "Portuguese Prime Minister Antonio Costa met Moroccan officials in Rabat on Monday.",
            [("PRT", "MAR", "talks")],
            [("EU", "MAR", "talks")],
        ),
        ("Poland agreed to buy 24 used jets from Denmark.", [("DNK", "POL", "arms_transfer")], [("DNK", "POL", "talks")]),
        ("NATO condemned Russia. The lender urged Ukraine to reform.", [], [("NATO", "UKR", "demands")]),
        (
            "Iran warned Israel against any attack. The UN Security Council adopted a resolution on Gaza. Israel condemned the resolution.",
            [("ISR", "UNSC", "condemns")],
            [("ISR", "IRN", "condemns")],
        ),
        # A second predicate after ", and" with no subject of its own has the sentence's.
        (
            "China launched large-scale military drills around Taiwan on Monday. Taiwan's defence ministry said it"
            " detected 153 Chinese aircraft near the island, a single-day record, and condemned the drills.",
            [("TWN", "CHN", "condemns")],
            [],
        ),
        # A name two states share is the other one's under that one's dateline.
        (
            "BRAZZAVILLE, May 3 (Reuters) - Congo signed a defence pact with Russia on Monday.",
            [("COG", "RUS", "defense_pact")],
            [("COD", "RUS", "defense_pact")],
        ),
        ("KINSHASA, May 3 (Reuters) - Congo accused Rwanda of backing the rebels.", [("COD", "RWA", "condemns")], []),
        # ... and no one when no person was named before.
        ("On the eve of the summit he held talks in Pretoria with Chinese President Xi Jinping.", [], [("ZAF", "CHN", "talks")]),
    ],
)
def test_round_seven_rules(real, text, present, absent):
    assert_found(real, text, present, absent)


def test_an_accusation_s_content_is_reported(real):
    c = extract("Russia accused Washington of bombing Yemen.", real)
    assert c.loc[c["type"] == "attacks", "status"].tolist() == ["reported"]


@pytest.mark.parametrize(
    "text",
    [
        "ATLANTIS, Jan 1 - President Foo Bar accused Russia of lying.",  # a dateline naming no known place
        "HAMAS, Jan 1 - President Foo Bar accused Russia of lying.",  # a dateline naming an actor that stands for no one
        "BRUSSELS, Jan 1 - President Foo Bar accused Russia of lying.",  # a seat of an organisation as well
        "NATO, Jan 1 - President Foo Bar accused Russia of lying.",  # an organisation
        "SEOUL - President",  # a title with nothing after it
    ],
)
def test_a_title_under_an_odd_dateline_names_no_one(real, text):
    # Only a dateline naming a state's place gives an untitled official a country.
    assert extract(text, real).empty


# -- hostile input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "has no text"),
        (b"   \n\t\n", "has no text"),
        (b"\x00\x01\x02\xff" * 10, "binary"),
        (b"a" * (MAX_BYTES + 1), "larger than"),
        (b"<html><body><script>Russia attacked Ukraine.</script></body></html>", "has no text"),
    ],
)
def test_hostile_articles_get_a_clear_error(tmp_path, capsys, content, message):
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    assert main(["ingest", str(article), "--data", str(ROOT / "data")]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_html_is_reduced_to_its_text_without_scripts(real):
    html = (
        b"<html><head><title>x</title><script>Russia attacked Ukraine.</script><style>p{}</style></head>"
        b"<body><article><p>Japan condemned Russia over the strikes on Monday, officials in Tokyo said.</p>"
        b"<p>The statement followed a meeting of ministers.</p></article></body></html>"
    )
    text = article_text(html)
    assert "attacked" not in text
    assert triples(extract(text, real)) == [("JPN", "RUS", "condemns")]


def test_control_characters_are_removed(real):
    text = article_text("Japan\x07 condemned\x1b[31m Russia\u200b.\r\n".encode())
    assert "\x07" not in text and "\x1b" not in text
    assert triples(extract(text, real)) == [("JPN", "RUS", "condemns")]


def test_arbitrary_bytes_never_crash(real):
    rng = random.Random(11)
    for _ in range(30):
        data = bytes(rng.randrange(1, 256) for _ in range(rng.randrange(0, 400)))
        try:
            text = article_text(data)
        except EditError:
            continue
        extract(text, real)  # no exception


#: Words of the constructions the reader resolves (offices, people, described states, allies, lists, datelines,
#: pronouns, hyphens), for word salad that reaches every rule.
SALAD = (
    "ALMATY, MALE, BOGOTA, Jan 6 - President Foreign Minister his her counterpart Javier Milei Qin Gang de Jean - Noel "
    "Argentine Chinese Russian U.S. -brokered Iran -backed the its their South American country island NATO ally "
    "partner two three seven countries governments neighbours He She it they them , . ; and or after if unless "
    "to which who from imports by in Baku Honiara spokesman officials condemned welcomed the deal pact remarks coup "
    "seized power tariffs on sanctions against traded accusations exchanged fire said would will could insulted "
    "pulling out of talks with among between Egypt Sudan Spain 's a dictator called the army generals junta coup "
    "Islamic Republic In Moscow General Electric suspended until Their voted with stood by welcomed agreement "
    "- hit quake In Beijing CEUTA KHARTOUM described as an attack"
    " On the eve of Days earlier because while the kingdom the Gulf state the archipelago Congo Republic of Congo"
    " U.N. -recognised F-16s used agreed to reached a deal pressed in protest at raised the matter told council"
    " assembly lender Peace and Security Council UNRWA SWIFT join the measures Tsai Ing-wen Bolsonaro the head of"
)


def test_word_salad_of_every_construction_never_crashes(real):
    rng = random.Random(6)
    for _ in range(150):
        text = " ".join(rng.choice(SALAD.split()) for _ in range(rng.randrange(1, 60)))
        extract(text + ".", real, date="2024-01-01")  # no exception


def test_missing_article_and_bad_date(capsys):
    assert main(["ingest", "no/such/file.txt"]) == 1
    assert "not found" in capsys.readouterr().err
    article = ROOT / "benchmarks" / "ingest" / "dev" / "un-panel-veto.txt"
    assert main(["ingest", str(article), "--date", "2024-13"]) == 1
    assert '"2024-13" is not a real date' in capsys.readouterr().err


# -- the CLI ------------------------------------------------------------------------


def test_ingest_reads_standard_input_and_prints_json(monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Japan condemned Russia on 3 May 2024.")))
    assert main(["ingest", "-", "--format", "json", "--data", str(ROOT / "data")]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["source"], r["target"], r["type"], r["start"]) for r in rows] == [("JPN", "RUS", "condemns", "2024-05-03")]
    assert rows[0]["citation"].startswith("article-")


def test_out_must_be_a_file(tmp_path, capsys):
    article = ROOT / "benchmarks" / "ingest" / "dev" / "un-panel-veto.txt"
    assert main(["ingest", str(article), "--out", str(tmp_path), "--data", str(ROOT / "data")]) == 1
    assert "not a regular file" in capsys.readouterr().err


# -- the lexicon tables ----------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "column"),
    [("places", "place"), ("cities", "city"), ("demonyms", "demonym"), ("peoples", "people"), ("leaders", "name")],
)
def test_lexicon_codes_are_states_or_organisations_and_names_are_unique(table, column):
    import pycountry

    from graph import _lexicon

    known = {c.alpha_3 for c in pycountry.countries}
    known |= {row["code"] for row in _lexicon.table("countries")} | {row["org_id"] for row in _lexicon.table("organisations")}
    known |= set(load(ROOT / "data").frame("actors")["actor_id"])
    rows = _lexicon.table(table)
    assert [r["code"] for r in rows if r["code"] not in known] == []
    names = [r[column] for r in rows]
    assert sorted({n for n in names if names.count(n) > 1}) == []


@pytest.mark.parametrize(("table", "columns"), [("cues", ("cue", "kind")), ("triggers", ("type", "phrase", "requires", "voice"))])
def test_lexicon_rows_are_not_listed_twice(table, columns):
    from graph import _lexicon

    rows = [tuple(r[c] for c in columns) for r in _lexicon.table(table)]
    assert sorted({r for r in rows if rows.count(r) > 1}) == []


def test_trigger_phrases_and_requirements_have_no_repeats():
    from graph import _lexicon

    for row in _lexicon.table("triggers"):
        for column in ("phrase", "requires"):
            parts = _lexicon.split(row[column])
            assert sorted({p for p in parts if parts.count(p) > 1}) == [], (row["type"], column)


def test_state_epithets_name_states_and_no_phrase_twice():
    import pycountry

    from graph import _lexicon

    rows = _lexicon.table("state_epithets")
    codes = {c for row in rows for c in _lexicon.split(row["codes"])}
    assert sorted(codes - {c.alpha_3 for c in pycountry.countries}) == []
    phrases = [p for row in rows for p in _lexicon.split(row["phrase"])]
    assert sorted({p for p in phrases if phrases.count(p) > 1}) == []


def test_a_shared_name_is_its_first_state_s_in_the_gazetteer():
    from graph import _lexicon
    from graph.ingest import _entries

    entries = _entries(load(ROOT / "data"))
    for name, codes in _lexicon.shared_names().items():
        assert entries[name].actor_id == codes[0], name
        assert len(codes) >= 2


@pytest.mark.parametrize(
    "dateline",
    ["KREMENCHUK, Ukraine, June 28 - ", "KREMENCHUK, Ukraine (Reuters) - ", "KYIV, June 28 - ", "KYIV - "],
)
def test_a_dateline_with_its_country_is_no_mention(real, dateline):
    """The dateline is where a story was filed: its country is the story's home, not the subject of its first act."""
    text = dateline + "Rescuers searched a shopping centre after a Russian missile hit it on Monday, killing 18 people."
    found = set(triples(extract(text, real)))
    assert ("UKR", "UKR", "attacks") not in found
    assert not any(s == "UKR" for s, _, _ in found)


def test_a_dateline_city_is_no_actor_name():
    """Cities are read in datelines only: one that were also a place would make "talks in Istanbul" Turkey's."""
    from graph import _lexicon

    places = {row["place"].lower() for row in _lexicon.table("places")}
    assert sorted(set(_lexicon.dateline_cities()) & places) == []


# -- the learned pair layer ---------------------------------------------------------

LEARNED_STORY = ROOT / "benchmarks" / "ingest" / "dev17" / "putin-delhi-s400-visit.txt"


def _beyond(frame, base):
    """The rows of ``frame`` whose (source, target, type) ``base`` does not have."""
    key = ["source", "target", "type"]
    return frame[~frame.set_index(key).index.isin(base.set_index(key).index)]


def test_the_learned_layer_only_adds_and_says_so(real):
    text = read_article(LEARNED_STORY)
    alone = extract(text, real, date="2021-12-06", learned=False)
    both = extract(text, real, date="2021-12-06")
    assert set(triples(alone)) < set(triples(both))
    added = _beyond(both, alone)
    probabilities = added.reason.str.extract(r"by the learned pair model \(p = (0\.\d\d)\)")[0].astype(float)
    assert probabilities.notna().all() and (probabilities >= _pairs.ADD_AT - 0.005).all()
    # (the S-400 deliveries are Russia's arms to India: the sentence names no construction the rules know)
    assert ("RUS", "IND", "arms_transfer") in set(triples(added))


def test_without_weights_the_learned_layer_adds_nothing(real, monkeypatch):
    text = read_article(LEARNED_STORY)
    monkeypatch.setattr(_pairs, "weights", dict)
    assert triples(extract(text, real)) == triples(extract(text, real, learned=False))


def _row(sentence, source, target, type_, rule=None):
    entry = {a: Entry(a, a, "state", False, "name") for a in (source, target)}
    return _pairs.Row(sentence, entry[source], entry[target], type_, {}, rule=rule)


def test_the_layer_keeps_one_direction_and_never_contradicts_the_rules(real):
    types = real.frame("relation_types").set_index("type")
    rows = [
        _row(0, "KOR", "PRK", "expresses_concern", rule={"negated": False}),  # the rules': South Korea is concerned
        _row(1, "PRK", "KOR", "expresses_concern"),  # its reverse, elsewhere: not added
        _row(1, "JPN", "CHN", "condemns"),
        _row(1, "CHN", "JPN", "condemns"),  # the same pair and type in the same sentence: the likelier direction
        _row(2, "CHN", "JPN", "condemns"),  # another sentence: a pair of its own
        _row(2, "USA", "JPN", "condemns"),  # below the threshold
        _row(3, "USA", "RUS", "condemns", rule={"negated": True}),  # "Washington did not condemn Moscow" tells nothing
        _row(3, "RUS", "USA", "condemns"),  # so its reverse may be added
    ]
    kept = _pairs.select(rows, [0.1, 0.9, 0.5, 0.6, 0.45, _pairs.ADD_AT - 0.01, 0.2, 0.7], types)
    assert [(r.sentence, r.source.actor_id, r.target.actor_id) for r, _ in kept] == [
        (0, "KOR", "PRK"),
        (3, "USA", "RUS"),
        (1, "CHN", "JPN"),
        (2, "CHN", "JPN"),
        (3, "RUS", "USA"),
    ]


@pytest.mark.parametrize(("flags", "learned"), [([], True), (["--learned"], True), (["--rules-only"], False)])
def test_ingest_learned_on_the_command_line(capsys, flags, learned):
    # The layer is the default (its cross-validated recall meets the target, the rules' does not); --rules-only opts out.
    assert main(["ingest", str(LEARNED_STORY), *flags, "--format", "json", "--data", str(ROOT / "data")]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert any("learned pair model" in r["reason"] for r in rows) is learned


def _learned_probabilities(frame) -> list[float]:
    found = frame.reason.str.extract(r"by the learned pair model \(p = (0\.\d\d)\)")[0].dropna()
    return sorted(found.astype(float))


@pytest.mark.parametrize(
    ("story", "date", "threshold"),
    [
        (LEARNED_STORY, "2021-12-06", 0.1),
        # (at 0.25 a less likely row for BRICS-South Africa talks, from the dateline's sentence, outscored the one shown)
        (ROOT / "benchmarks" / "ingest" / "dev13" / "brics-johannesburg-expansion.txt", "2023-08-24", 0.25),
    ],
)
def test_a_lower_min_probability_never_changes_a_row_shown_at_a_higher_one(real, story, date, threshold):
    text = read_article(story)
    default = extract(text, real, date=date).to_dict("records")
    wider = extract(text, real, date=date, min_probability=threshold).to_dict("records")
    assert len(wider) > len(default)
    assert all(row in wider for row in default)


def test_a_lower_min_probability_only_adds_the_layers_less_likely_pairs(real):
    text = read_article(LEARNED_STORY)
    default = extract(text, real, date="2021-12-06")
    wider = extract(text, real, date="2021-12-06", min_probability=0.1)
    assert set(triples(default)) < set(triples(wider))
    more = _beyond(wider, default)
    assert _learned_probabilities(more) == sorted(p for p in _learned_probabilities(more) if 0.1 - 0.005 <= p < _pairs.ADD_AT)
    assert len(_learned_probabilities(more)) == len(more)  # every pair added is the layer's, and says so
    assert triples(extract(text, real, date="2021-12-06", min_probability=_pairs.ADD_AT)) == triples(default)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_probability": 0}, "min_probability must be more than 0 and at most 1, not 0 (the default is 0.3)"),
        ({"min_probability": 1.5}, "not 1.5"),
        ({"min_probability": float("nan")}, "not nan"),
        ({"min_probability": 0.2, "learned": False}, "min_probability is the learned layer's threshold"),
    ],
)
def test_min_probability_out_of_range_is_refused(real, kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        extract("Russia condemned Ukraine.", real, **kwargs)


@pytest.mark.parametrize("value", ["0", "-0.2", "1.01", "nan", "inf", "high", ""])
def test_min_probability_on_the_command_line_refuses_what_is_no_probability(capsys, value):
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", str(LEARNED_STORY), "--min-probability", value, "--data", str(ROOT / "data")])
    assert exit_.value.code == 2
    assert f"argument --min-probability: {value!r} is not a number more than 0 and at most 1" in capsys.readouterr().err


def test_min_probability_and_rules_only_are_exclusive(capsys):
    with pytest.raises(SystemExit):
        main(["ingest", str(LEARNED_STORY), "--rules-only", "--min-probability", "0.2", "--data", str(ROOT / "data")])
    assert "not allowed with argument --rules-only" in capsys.readouterr().err


def test_min_probability_on_the_command_line(capsys):
    assert main(["ingest", str(LEARNED_STORY), "--min-probability", "0.1", "--format", "json", "--data", str(ROOT / "data")]) == 0
    rows = pd.DataFrame(json.loads(capsys.readouterr().out))
    assert min(_learned_probabilities(rows)) < _pairs.ADD_AT


def test_the_help_states_the_layers_own_threshold(capsys):
    # The help writes the default out rather than import the layer for it: this ties the two.
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    assert f"(default: {_pairs.ADD_AT:.2f})" in " ".join(capsys.readouterr().out.split())


def test_word_salad_through_the_learned_layer_never_crashes(real):
    rng = random.Random(11)
    for _ in range(60):
        text = ". ".join(" ".join(rng.choice(SALAD.split()) for _ in range(rng.randrange(1, 30))) for _ in range(3))
        extract(text + ".", real, date="2024-01-01", learned=True)  # no exception


@pytest.mark.parametrize("learned", [False, True])
def test_an_act_held_over_another_needs_a_threat_type_in_the_data(example_dir, learned):
    # The example data has no "threatens": "was considering suspending relations" is then no candidate, not a crash.
    assert extract("Turkey was considering suspending relations with Israel.", load(example_dir), learned=learned).empty


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # A state after a person's name is the person's own: the list goes on past "of".
        ("Prime Minister Narendra Modi of India and President Xi Jinping of China held talks.", [("IND", "CHN", "talks")], []),
        ("The president of France met the leader of China.", [("FRA", "CHN", "talks")], []),
        # A short description before a name joins the list; "South American" is no American.
        ("The EU and the South American bloc Mercosur concluded negotiations on a trade deal.", [("EU", "MERCOSUR", "talks")], []),
        ("Saudi Arabia and the Gulf state Qatar restored ties.", [("SAU", "QAT", "talks")], []),
        ("Latin American leaders condemned Venezuela.", [], [("USA", "VEN", "condemns")]),
        # Signing an agreement is dealing with each other (gold codes it as talks); an order signed is no agreement.
        ("Kenya and Ethiopia signed a memorandum of understanding on trade.", [("KEN", "ETH", "talks")], []),
        ("Biden signed an executive order imposing sanctions on Russia.", [("USA", "RUS", "sanctions")], [("USA", "RUS", "talks")]),
        ("The EU released humanitarian funding for Haiti.", [("EU", "HTI", "economic_aid")], []),
        # Aid as such, and money, given; the more specific reading of the same words wins.
        ("France dispatched aid to Vanuatu.", [("FRA", "VUT", "economic_aid")], []),
        ("Australia will give Nauru A$140 million.", [("AUS", "NRU", "economic_aid")], []),
        ("Germany sent military aid to Ukraine.", [("DEU", "UKR", "military_aid")], [("DEU", "UKR", "economic_aid")]),
        # Help with no one named to receive it goes to the dateline's country, when the story names it.
        ("NASSAU, Sept 5 - The Bahamas counted its dead. Canada pledged humanitarian funding.", [("CAN", "BHS", "economic_aid")], []),
        ("WASHINGTON, Sept 13 - Japan pledged 64 million dollars in aid.", [], [("JPN", "USA", "economic_aid")]),
    ],
)
def test_round_eight_rules(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # A list of officials, each named by demonym, title and name, is one side however long it runs.
        (
            "French President Emmanuel Macron, German Chancellor Olaf Scholz and Italian Prime Minister Mario Draghi visited"
            " Kyiv on Thursday.",
            [("FRA", "UKR", "talks"), ("DEU", "UKR", "talks"), ("ITA", "UKR", "talks")],
            [],
        ),
        (
            "Kishida hosted U.S. President Joe Biden, Indian Prime Minister Narendra Modi and Australian Prime Minister Anthony Albanese.",
            [("JPN", "USA", "talks"), ("JPN", "IND", "talks"), ("JPN", "AUS", "talks")],
            [],
        ),
        ("According to Japan, China sent warships to the strait.", [], [("JPN", "CHN", "troop_deployment")]),
        # Talks hosted between two: the host meets each, and the two meet each other.
        (
            "Turkey hosted talks between Ethiopia and Somalia.",
            [("TUR", "ETH", "talks"), ("TUR", "SOM", "talks"), ("ETH", "SOM", "talks")],
            [],
        ),
        # Troops or arms "from" a state, in the passive: that state sends them.
        (
            "Troops from Nigeria and Ghana were deployed to Benin.",
            [("NGA", "BEN", "troop_deployment"), ("GHA", "BEN", "troop_deployment")],
            [("BEN", "NGA", "troop_deployment")],
        ),
        ("Weapons from Iran were sent to Russia.", [("IRN", "RUS", "arms_transfer")], [("RUS", "IRN", "arms_transfer")]),
        ("Troops from Nigeria were attacked in Benin.", [], [("NGA", "BEN", "attacks")]),  # (the troops are the victims)
        # A reaction to an act whose doer is told by "by", wherever the victim stands.
        ("Japan condemned the attack by Russia on Ukraine.", [("JPN", "RUS", "condemns")], [("JPN", "UKR", "condemns")]),
        ("Japan condemned the attack on Ukraine by Russia.", [("JPN", "RUS", "condemns")], [("JPN", "UKR", "condemns")]),
        ("Japan condemned the attack on the UN base.", [], [("JPN", "UN", "condemns")]),
        # Blame: the speaker holds the one responsible to account.
        ("Britain said Iran was responsible for the attack.", [("GBR", "IRN", "condemns")], []),
        ("NATO's chief said Russia bore ultimate responsibility for the incident.", [("NATO", "RUS", "condemns")], []),
        ("Ukraine said Russia was behind the blast.", [("UKR", "RUS", "condemns")], []),
        ("Russia said it was not responsible.", [], [("RUS", "RUS", "condemns")]),
        # (but being behind or responsible for something other than an act is no blame)
        ("Germany was behind France in the rankings.", [], [("FRA", "DEU", "condemns"), ("DEU", "FRA", "condemns")]),
        ("France said Germany was behind schedule.", [], [("FRA", "DEU", "condemns")]),
        ("Egypt is responsible for the Rafah crossing, Israel said.", [], [("ISR", "EGY", "condemns"), ("PSE", "EGY", "condemns")]),
        # Two who meet in a capital meet each other; one alone meets its government.
        ("The foreign ministers of Saudi Arabia and Iran met in Beijing.", [("SAU", "IRN", "talks")], [("SAU", "CHN", "talks")]),
        ("The Israeli minister held talks in Cairo.", [("ISR", "EGY", "talks")], []),
        # "The training of Ukrainian troops": the trainees, not the trainers ("the deployment of Russian troops": whose).
        ("The EU will fund the training of Ukrainian troops.", [("EU", "UKR", "military_training")], [("UKR", "EU", "military_training")]),
        ("Britain led the training of Ukrainian soldiers.", [("GBR", "UKR", "military_training")], []),
        ("The deployment of Russian troops alarmed Finland.", [("FIN", "RUS", "expresses_concern")], []),
        # Calling an act a threat to peace is condemning its doer.
        ("Manila said Beijing's actions were a threat to regional peace.", [("PHL", "CHN", "condemns")], []),
        ("The United States said the move was a threat to Taiwan.", [], [("TWN", "USA", "condemns")]),
        # A bloc's or an organisation's troops are its own; its sanctions regime is another's act.
        (
            "Russia said Western troops in Ukraine posed a threat.",
            [("WST", "UKR", "troop_deployment")],
            [("RUS", "UKR", "troop_deployment")],
        ),
        ("Britain started restoring United Nations sanctions on Iran.", [("GBR", "IRN", "sanctions")], [("UN", "IRN", "sanctions")]),
        # A visit to a capital is talks with its government, the capital named before the talks or after.
        ("Macron arrived in Nairobi for talks.", [("FRA", "KEN", "talks")], []),
        ("Modi travelled to Moscow for a two-day visit.", [("IND", "RUS", "talks")], []),
        # Lending money is aid.
        ("The World Bank will lend Egypt $6 billion.", [("WORLD_BANK", "EGY", "economic_aid")], []),
        # An act that angers a state is one it condemns.
        ("Lithuania banned transit of goods to Kaliningrad, angering Moscow.", [("RUS", "LTU", "condemns")], []),
        ("Moscow was angered by Lithuania's decision.", [("RUS", "LTU", "condemns")], [("LTU", "RUS", "condemns")]),
        # The speaker may come last, after what was said.
        ("Israel's strikes were a provocation, Iran said.", [("IRN", "ISR", "condemns")], []),
        ("Israel's strikes were illegal, the Iranian foreign ministry said.", [("IRN", "ISR", "condemns")], []),
        ("Israel would pay a heavy price, Iran's supreme leader said.", [("IRN", "ISR", "threatens")], []),
        ("Russia was angered, Ukraine said.", [], [("UKR", "RUS", "condemns")]),
        # ", and" after one name, however many mentions it has, starts a clause, not a list.
        (
            "Kishida met U.S. President Joe Biden, and Indian Prime Minister Narendra Modi criticised China.",
            [("JPN", "USA", "talks"), ("IND", "CHN", "condemns")],
            [("JPN", "IND", "talks")],
        ),
    ],
)
def test_round_nine_rules(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # "As did" copies only the act of the clause it closes, and not "as did X to Y" or a comparison.
        (
            "Russia attacked Kyiv overnight, and Britain condemned the strike, as did France.",
            [("FRA", "RUS", "condemns")],
            [("FRA", "UKR", "attacks")],
        ),
        ("China protested to Japan over the visit, as did South Korea to the United States.", [], [("KOR", "JPN", "condemns")]),
        ("Russia invaded Ukraine much as did the Soviet Union invade Afghanistan.", [], [("SUN", "UKR", "armed_conflict")]),
        # A "from" past a comma still names the giver of what was received or bought; a passive keeps its own "by".
        (
            "Ukraine has received fighter jets, mainly from Denmark and the Netherlands.",
            [("DNK", "UKR", "arms_transfer"), ("NLD", "UKR", "arms_transfer")],
            [],
        ),
        ("Taiwan bought missiles last year, mostly from the United States.", [("USA", "TWN", "arms_transfer")], []),
        ("Russia was accused of war crimes by Ukraine and its allies.", [], [("RUS", "UKR", "condemns")]),
        # Troops at one's own border press no one; massed armies or drills there do.
        ("The United States deployed troops to its southern border with Mexico.", [], [("USA", "MEX", "threatens")]),
        ("Pakistan reopened its border with Afghanistan after troops from both sides ended clashes.", [], [("PAK", "AFG", "threatens")]),
        # The sea off a coast is not the state's soil; a strong reaction warned of is a threat, not a condemnation.
        ("U.S. warships shot down drones off the coast of Yemen.", [], [("USA", "YEM", "attacks")]),
        ("China warned it would make a strong reaction if the Philippines deployed missiles.", [("CHN", "PHL", "threatens")], []),
        # Talks that stalled are no talks of the next clause's subject; trainers who train someone train them.
        ("After talks with Iran stalled, Israel launched strikes on Iranian nuclear sites.", [], [("ISR", "IRN", "talks")]),
        (
            "Western instructors in Britain have trained 30,000 Ukrainian recruits.",
            [("WST", "UKR", "military_training")],
            [("WST", "GBR", "military_training")],
        ),
        # A people within another state is neither state; a count of people is no pair of states.
        (
            "Kosovo Serbs clashed with NATO peacekeepers in northern Kosovo.",
            [],
            [("SRB", "NATO", "armed_conflict"), ("XKX", "NATO", "armed_conflict")],
        ),
        ("India and China clashed. The two ministers said their countries would keep talking.", [], [("IND", "CHN", "talks")]),
    ],
)
def test_second_reading_of_round_ten(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # A people named in the plural is a side of its own, doer or object ("the Danes", "the Americans").
        ("The Americans and the Germans condemned Russia.", [("USA", "RUS", "condemns"), ("DEU", "RUS", "condemns")], []),
        ("The Poles condemned Russia on Monday.", [("POL", "RUS", "condemns")], []),
        ("Russia condemned the Danes for the decision.", [("RUS", "DNK", "condemns")], []),
        # ... but a demonym before a noun still makes the noun the act ("Russian strikes").
        ("Russian strikes hit Kyiv.", [("RUS", "UKR", "attacks")], []),
        # Words that describe a pair may stand between "the two" and its noun.
        (
            "India struck Pakistan on Tuesday. China urged the two nuclear-armed neighbours to show restraint.",
            [("CHN", "IND", "demands"), ("CHN", "PAK", "demands")],
            [],
        ),
        # "As did" and "and so did" name one more who did the same act to the same target.
        (
            "The European Union condemned the seizures by Iran, as did the United States.",
            [("EU", "IRN", "condemns"), ("USA", "IRN", "condemns")],
            [("USA", "EU", "condemns")],
        ),
        ("Britain condemned the strike by Russia on Kyiv, and so did France.", [("FRA", "RUS", "condemns")], [("FRA", "GBR", "condemns")]),
        ("Britain imposed sanctions on Russia, as did Canada and Japan.", [("CAN", "RUS", "sanctions"), ("JPN", "RUS", "sanctions")], []),
        # (a side acting with no "as did" does not borrow another's act)
        ("Britain imposed sanctions on Russia, and Canada sent aid to Ukraine.", [], [("CAN", "RUS", "sanctions")]),
        # In a Korean story "the North" and "the South" are the two Koreas, written so and standing alone.
        (
            "North Korea blew up the liaison office. South Korea demanded that the North stop its provocations.",
            [("KOR", "PRK", "demands")],
            [],
        ),
        (
            "North Korea fired missiles. Britain condemned the launch and sent ships to the North Atlantic.",
            [],
            [("GBR", "PRK", "troop_deployment")],
        ),
        ("South Korea held drills. Russia shelled the south of Ukraine.", [], [("RUS", "KOR", "attacks")]),
        # A from-phrase right after another act is that act's origin, not the doer of the first.
        ("Japan voiced concern over possible arms supplies from North Korea.", [], [("PRK", "JPN", "expresses_concern")]),
        ("Saudi Arabia agreed to buy attack drones from Turkey.", [("TUR", "SAU", "arms_transfer")], []),
        # A part of a place struck is in it; forces massed on a border with another state press it.
        ("Israel struck the south of Lebanon.", [("ISR", "LBN", "attacks")], []),
        ("Russia shelled the outskirts of Kyiv.", [("RUS", "UKR", "attacks")], []),
        ("The deployment of Russian troops alarmed Finland.", [("FIN", "RUS", "expresses_concern")], [("RUS", "FIN", "troop_deployment")]),
        ("Russia massed troops on the border with Ukraine.", [("RUS", "UKR", "threatens")], []),
        ("Iran's army began exercises near its border with Azerbaijan.", [("IRN", "AZE", "threatens")], []),
        ("The Dominican Republic closed its border with Haiti.", [], [("DOM", "HTI", "threatens")]),
        # "Armed" is no arms ("an armed attack"); seizing a ship is an act the reactions answer.
        ("Washington pledged to defend the Philippines against any armed attack.", [], [("USA", "PHL", "arms_transfer")]),
        ("Russia promised arms to North Korea.", [("RUS", "PRK", "arms_transfer")], []),
        (
            "Iran seized a British-flagged tanker in the Strait of Hormuz. Britain condemned the seizure.",
            [("GBR", "IRN", "condemns")],
            [("IRN", "GBR", "attacks")],
        ),
        (
            "Greece protested after Iran's Revolutionary Guards seized two Greek tankers. The EU condemned the seizures.",
            [("EU", "IRN", "condemns")],
            [("EU", "GRC", "condemns")],
        ),
        # An act told as the means of the clause's ("in a strike") is its subject's; a "from" past a comma belongs to
        # another word; an angry response is a condemnation.
        ("Israel killed an Iranian general in a strike on Damascus.", [("ISR", "SYR", "attacks")], [("IRN", "SYR", "attacks")]),
        (
            "The United States approved an arms sale to Taiwan, drawing an angry response from Beijing.",
            [("USA", "TWN", "arms_transfer"), ("CHN", "USA", "condemns")],
            [("CHN", "TWN", "arms_transfer")],
        ),
        ("Rockets were fired at Israel from Lebanon.", [("LBN", "ISR", "attacks")], []),
        ("The United States approved an arms sale to Taiwan. Beijing reacted angrily.", [("CHN", "USA", "condemns")], []),
        # Talks told as the means of another act ("told X in a phone call") are with that act's object.
        (
            "Biden told Israeli Prime Minister Benjamin Netanyahu in a phone call that Washington would not join a strike.",
            [("USA", "ISR", "talks")],
            [],
        ),
        ("Russia warned Ukraine by drone strikes.", [], [("RUS", "UKR", "talks")]),
        # A truce or talks brokered, mediated or hosted by a third: it meets each party, and the parties meet.
        (
            "A ceasefire between Israel and Lebanon brokered by the United States and France took effect.",
            [("USA", "ISR", "talks"), ("FRA", "LBN", "talks"), ("ISR", "LBN", "talks")],
            [("USA", "FRA", "talks")],
        ),
        (
            "The truce between Israel and Egypt, brokered by Qatar and Turkey, took effect.",
            [("QAT", "ISR", "talks"), ("TUR", "EGY", "talks")],
            [("QAT", "TUR", "talks")],
        ),
        (
            "Ukrainian and Russian delegations met for talks in Istanbul, hosted by Turkish Foreign Minister Hakan Fidan.",
            [("TUR", "UKR", "talks"), ("TUR", "RUS", "talks"), ("UKR", "RUS", "talks")],
            [],
        ),
        # (a participle after a noun that names no act still modifies that noun: "militias backed by Iran")
        ("The army struck militias in Syria backed by Iran.", [], [("IRN", "SYR", "supports_verbally")]),
        # Lexicon: an explanation sought is a demand; worried by, an atrocity; aid cut or frozen is a sanction, not aid.
        ("Australia said it had sought an explanation from Beijing.", [("AUS", "CHN", "demands")], []),
        ("Australia was worried by the move by China.", [("AUS", "CHN", "expresses_concern")], [("CHN", "AUS", "expresses_concern")]),
        ("Biden called it another horrific atrocity committed by Russia.", [("USA", "RUS", "condemns")], []),
        ("The EU suspended budget support to Ethiopia.", [("EU", "ETH", "sanctions")], [("EU", "ETH", "economic_aid")]),
        ("The United States froze military aid to Egypt.", [("USA", "EGY", "sanctions")], [("USA", "EGY", "military_aid")]),
        ("The EU pledged aid to Ukraine.", [("EU", "UKR", "economic_aid")], [("EU", "UKR", "sanctions")]),
        # Trainers named by their state train the one whose soil they are on.
        ("Only Russian military trainers were present in Mali.", [("RUS", "MLI", "military_training")], []),
        ("France sent military advisers to Ukraine.", [("FRA", "UKR", "military_training")], []),
        # Talks told before the clause ("In a phone call with X, Y ...") are its subject's; "after" a doer's act named
        # as a noun ("Israeli air strikes pounded") still has the doer.
        (
            "In a phone call with U.S. Secretary of State Marco Rubio, Russian Foreign Minister Sergei Lavrov urged a halt.",
            [("RUS", "USA", "talks")],
            [],
        ),
        ("After talks with Iran, China said it would send aid.", [("CHN", "IRN", "talks")], []),
        (
            "Hours after Israeli air strikes pounded Beirut's southern suburbs, the ceasefire took effect.",
            [("ISR", "LBN", "attacks")],
            [],
        ),
        # An institution named alone as the subject or the source is the dateline country's, and speaks itself.
        (
            "SEOUL, Nov 23 - North Korea fired artillery shells. The defence ministry called the firing a provocation.",
            [("KOR", "PRK", "condemns")],
            [],
        ),
        (
            "SEOUL, Nov 23 - North Korea fired shells, according to the Joint Chiefs of Staff, which called the firing a provocation.",
            [("KOR", "PRK", "condemns")],
            [("PRK", "KOR", "condemns")],
        ),
        (
            "SEOUL - North Korea fired shells. The foreign ministry of Japan called it a provocation.",
            [("JPN", "PRK", "condemns")],
            [("KOR", "PRK", "condemns")],
        ),
        ("North Korea fired shells. Seoul said 28,500 U.S. troops are stationed in the South.", [("USA", "KOR", "troop_deployment")], []),
        # Talks in a capital mediated by two; a joint exercise held by two makes them partners, not partners of the speaker.
        (
            "Pakistan and Afghanistan agreed to a ceasefire after talks in the Qatari capital mediated by Qatar and Turkey.",
            [("QAT", "PAK", "talks"), ("TUR", "AFG", "talks")],
            [("QAT", "TUR", "talks")],
        ),
        (
            "North Korea said the shelling answered a joint live-fire exercise held by South Korean and U.S. forces.",
            [("KOR", "USA", "military_cooperation")],
            [("KOR", "PRK", "military_cooperation")],
        ),
    ],
)
def test_round_ten_rules(real, text, present, absent):
    assert_found(real, text, present, absent)


def test_likewise_reason_names_it(real):
    found = extract("Britain imposed sanctions on Russia, as did Canada.", real)
    reason = found.loc[found.source == "CAN", "reason"].iloc[0]
    assert 'the same act ("as did")' in reason


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # "what it called" names what follows: its "it" is no event of the story's, and the object is read past it.
        (
            "Israel struck Syria. The United States condemned what it called Iran's reckless missile strikes.",
            [("USA", "IRN", "condemns")],
            [("USA", "ISR", "condemns"), ("IRN", "ISR", "expresses_concern")],
        ),
        (
            "Israel struck Syria. The United States condemned what the State Department described as Iran's attacks.",
            [("USA", "IRN", "condemns")],
            [("USA", "ISR", "condemns")],
        ),
        # A word that qualifies the event condemned ("Iran's reckless strikes") is the reaction's, not Iran's concern;
        # a reaction named with its doer ("Petro's accusation") stays that doer's.
        ("Britain condemned Iran's dangerous missile strikes.", [("GBR", "IRN", "condemns")], [("IRN", "GBR", "expresses_concern")]),
        (
            "Peru has rejected Colombian President Gustavo Petro's accusation that it seized a river island.",
            [("PER", "COL", "condemns"), ("COL", "PER", "condemns")],
            [],
        ),
        # An act told as where something happened ("in separate strikes") has the clause's doer, not a name inside the
        # object before it.
        (
            "The Guards said they destroyed a base of Israel's Mossad and, in separate strikes, positions in Syria. "
            "The United States condemned the strikes.",
            [],
            [("USA", "ISR", "condemns")],
        ),
        ("Israel killed an Iranian general in two air strikes on Damascus.", [("ISR", "SYR", "attacks")], [("IRN", "SYR", "attacks")]),
        # Words that judge an act, said of it by one named: a condemnation or a concern.
        (
            "Russia struck a railway station. A spokesman for Secretary-General Antonio Guterres called the strike deplorable.",
            [("UN", "RUS", "condemns")],
            [],
        ),
        (
            "Ukraine's drones hit four air bases. Russia's defence ministry called the raids a terrorist attack.",
            [("RUS", "UKR", "condemns")],
            [],
        ),
        ("China fired missiles near Taiwan. Japan called the drills deeply worrying.", [("JPN", "CHN", "expresses_concern")], []),
        # Two judging words side by side are one phrase: its "by" names the doer, not the one judged.
        (
            "Russia struck Kramatorsk. Biden called it another horrific atrocity committed by Russia.",
            [("USA", "RUS", "condemns")],
            [("RUS", "USA", "condemns")],
        ),
        # A satellite put into orbit is an act a later "the launch" names, as a missile fired is.
        (
            "North Korea's attempt to put a spy satellite into orbit failed. Japan called the launch a grave provocation.",
            [("JPN", "PRK", "condemns")],
            [],
        ),
        # A sea named after a state is a place, not that state.
        (
            "Russian and Chinese warships held joint drills in the Sea of Japan.",
            [("RUS", "CHN", "military_cooperation")],
            [("RUS", "JPN", "military_cooperation")],
        ),
        ("China sent warships into the Philippine Sea.", [], [("CHN", "PHL", "arms_transfer")]),
        # "Targets" after a word that describes them are what is aimed at, not an act of the name before them.
        (
            "Israel has struck Syria against what it calls Iranian-linked targets. Syria condemned the attack.",
            [("SYR", "ISR", "condemns")],
            [("SYR", "IRN", "condemns")],
        ),
        ("Russia targets Ukraine's power grid.", [("RUS", "UKR", "attacks")], []),
        # The owner of what a strike damaged is its target, however far into the object it is named.
        (
            "An Israeli missile strike damaged the runways and other facilities of the Syrian capital's international airport.",
            [("ISR", "SYR", "attacks")],
            [],
        ),
        # Troops an attack is told as done to are its victims, not its doers.
        (
            "Turkish jets pounded targets in northern Iraq. Several Syrian soldiers were killed in the raids. "
            "Iraq condemned the strikes on its territory.",
            [("IRQ", "TUR", "condemns")],
            [("IRQ", "SYR", "condemns")],
        ),
        # The place struck may follow a longer object ("three sites of Kataib Hezbollah in western Iraq").
        ("American jets bombed three sites of Kataib Hezbollah in western Iraq.", [("USA", "IRQ", "attacks")], []),
        ("Israel struck weapons depots belonging to Hezbollah in southern Lebanon.", [("ISR", "LBN", "attacks")], []),
        # Property frozen is a sanction, and the order that froze it is what a later reaction names.
        (
            "An executive order signed by Trump froze all Venezuelan government property in the United States. "
            "China condemned the order as gross interference.",
            [("USA", "VEN", "sanctions"), ("CHN", "USA", "condemns")],
            [("CHN", "VEN", "condemns")],
        ),
        (
            "North Korea fired a missile south of the maritime border. South Korea said the launch amounted to a territorial encroachment.",
            [("KOR", "PRK", "condemns")],
            [],
        ),
        # A capital set before the subject names whose official speaks, whatever the dateline.
        (
            "HAVANA, June 9 - Cuba denied the report. In Tehran, foreign ministry spokesman Esmaeil Baghaei rejected the accusation by Britain.",
            [("IRN", "GBR", "condemns")],
            [("CUB", "GBR", "condemns")],
        ),
        ("BEIJING - Foreign Ministry spokesman Wang Wenbin condemned Japan.", [("CHN", "JPN", "condemns")], []),
        # "Concerned by" names what concerns, not who is concerned.
        (
            "Marles said Canberra was deeply concerned by China's actions.",
            [("AUS", "CHN", "expresses_concern")],
            [("CHN", "AUS", "expresses_concern")],
        ),
        (
            "Venezuela seized two Guyanese trawlers. The Caribbean Community said it was gravely concerned by the incident.",
            [("CARICOM", "VEN", "expresses_concern")],
            [],
        ),
        # A verb that only governs the act ("approved sending", "decided to send") leaves its subject the act's.
        ("Allies objected after Biden approved sending the weapons to Ukraine.", [("USA", "UKR", "arms_transfer")], []),
        ("Allies objected after the United States decided to send the weapons to Ukraine.", [("USA", "UKR", "arms_transfer")], []),
        # What is given to someone in the passive is still given to them; the one speaking is no recipient.
        (
            "Spanish Defence Minister Margarita Robles said certain weapons could not be given to Ukraine.",
            [],
            [("UKR", "ESP", "arms_transfer")],
        ),
        ("Tanks were sent to Ukraine by Britain.", [("GBR", "UKR", "arms_transfer")], []),
        # An act only talked about is no act told.
        (
            "Ukrainian President Volodymyr Zelenskiy, who spoke with Trump about air defence and long-range strikes, is due in Washington.",
            [("UKR", "USA", "talks")],
            [("UKR", "USA", "attacks")],
        ),
    ],
)
def test_round_eleven_rules(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # A judging word before an act's noun qualifies the act; the act stays, and no one is said to judge it.
        (
            "Russia's unprovoked invasion of Ukraine has killed thousands of civilians.",
            [("RUS", "UKR", "armed_conflict")],
            [("UKR", "RUS", "condemns")],
        ),
        ("Iran launched an unprovoked attack on Israel.", [("IRN", "ISR", "attacks")], []),
        ("Russia said Ukraine carried out a terrorist attack on a Moscow-bound train.", [("UKR", "RUS", "attacks")], []),
        (
            "Britain condemned Russia's horrific attack on a Kyiv children's hospital.",
            [("GBR", "RUS", "condemns"), ("RUS", "UKR", "attacks")],
            [],
        ),
        (
            "Ukraine's drones hit four air bases. Russia's defence ministry called the raids a terrorist attack.",
            [("RUS", "UKR", "condemns")],
            [],
        ),
        # ... and a reaction verb before it keeps its own direction.
        ("Ukraine condemned unprovoked Russian aggression.", [("UKR", "RUS", "condemns")], [("RUS", "UKR", "condemns")]),
        (
            "Japan protested unlawful Chinese incursions into its territorial waters.",
            [("JPN", "CHN", "condemns")],
            [("CHN", "JPN", "condemns")],
        ),
        ("Britain condemned horrific Russian strikes on Kyiv.", [("GBR", "RUS", "condemns")], [("RUS", "GBR", "condemns")]),
        ("China denounced irresponsible U.S. remarks.", [("CHN", "USA", "condemns")], [("USA", "CHN", "condemns")]),
        # Troops killed in an attack somewhere are its victims; the place is not the attacker.
        ("Three U.S. troops were killed in a drone attack on a base in Jordan.", [], [("JOR", "USA", "attacks")]),
        ("Four Turkish soldiers were killed in an attack in northern Iraq.", [], [("IRQ", "TUR", "attacks")]),
        # Assets already frozen are no sanction of the sentence's subject; a portfolio cut is none either.
        (
            "Japan agreed to lend Ukraine $3 billion secured against frozen Russian assets.",
            [],
            [("UKR", "RUS", "sanctions"), ("JPN", "RUS", "sanctions")],
        ),
        ("Ukraine urged the United States to seize frozen Russian assets.", [], [("USA", "RUS", "sanctions")]),
        ("China cut its holdings of U.S. government debt.", [], [("CHN", "USA", "sanctions")]),
        ("The European Union froze the assets of the Russian central bank.", [("EU", "RUS", "sanctions")], []),
        # "Targets" as a verb after an adverb or a noun subject.
        ("Russia deliberately targets civilians in Ukraine's cities.", [("RUS", "UKR", "attacks")], []),
        ("Russia's new offensive targets Kharkiv in northeastern Ukraine.", [("RUS", "UKR", "attacks")], []),
        ("Israel often targets Iranian weapons shipments in Syria.", [], [("ISR", "SYR", "talks")]),
        # The place struck outranks the owner of what was struck.
        (
            "U.S. strikes hit dozens of Iran's proxies in Iraq and Syria.",
            [("USA", "IRQ", "attacks"), ("USA", "SYR", "attacks")],
            [("USA", "IRN", "attacks")],
        ),
        # A judging word read once, by its own form.
        (
            "Ukraine said the situation in the east was alarming as Russian troops advanced.",
            [],
            [("RUS", "UKR", "expresses_concern")],
        ),
        # Condolences and descriptions are no concern about anyone.
        ("Ukraine was saddened by the death of Poland's former president.", [], [("UKR", "POL", "expresses_concern")]),
        ("Ukraine released disturbing footage of Russian soldiers executing prisoners.", [], [("UKR", "RUS", "expresses_concern")]),
        # An official with a title but no nationality is not the dateline's when the title is a ministry's portfolio.
        (
            "WASHINGTON, April 17 (Reuters) - Finance Minister Nirmala Sitharaman criticised China's trade practices.",
            [],
            [("USA", "CHN", "condemns")],
        ),
        # A proxy named by its backer is not the backer ("Iranian-backed militias in Syria").
        (
            "Iran protested after the U.S. ordered strikes on Iranian-backed militias in Syria.",
            [("USA", "SYR", "attacks")],
            [("USA", "IRN", "attacks")],
        ),
        ("Brazil's Lula said Latin America rejects foreign interventionism.", [], [("BRA", "USA", "condemns")]),
        # Arms told in the passive as delivered to someone, by a state that says so, are that state's.
        (
            "Germany said more Leopard tanks would be delivered to Ukraine by the end of the year.",
            [("DEU", "UKR", "arms_transfer")],
            [("UKR", "DEU", "arms_transfer")],
        ),
        (
            "The Pentagon said the weapons were shipped to Israel last week.",
            [("USA", "ISR", "arms_transfer")],
            [("ISR", "USA", "arms_transfer")],
        ),
        # "Slammed into" is a strike, not a rebuke.
        ("A Russian missile slammed into a hospital in Kyiv.", [("RUS", "UKR", "attacks")], [("RUS", "UKR", "condemns")]),
    ],
)
def test_second_reading_of_round_eleven(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # A state's forces named by its adjective, then the next side, are one list.
        (
            "Kigali accused the Congolese army and Burundi of breaking the ceasefire.",
            [("RWA", "COD", "condemns"), ("RWA", "BDI", "condemns")],
            [],
        ),
        # What is sent is troops or arms, not the two sides of the last act.
        (
            "Iran fired missiles at Israel. Araqchi said Washington was putting its troops at risk by sending them to Israel.",
            [("USA", "ISR", "troop_deployment")],
            [("USA", "IRN", "troop_deployment")],
        ),
        # Two names joined by a hyphen are a pair ("U.S.-Japan" is split as "Iran-backed" is).
        ("The islands are covered by the U.S.-Japan security treaty.", [("USA", "JPN", "defense_pact")], []),
        ("Russia-Ukraine talks resumed in Istanbul.", [("RUS", "UKR", "talks")], []),
        # "Aggressive" judges what it is said of.
        (
            "Russia and Belarus began drills near the Polish border. Polish Prime Minister Donald Tusk called the manoeuvres very aggressive.",
            [("POL", "RUS", "condemns"), ("POL", "BLR", "condemns")],
            [],
        ),
        # An act a warning only imagines is no act, nor what a later reaction condemns.
        (
            "Russia fired missiles at Kyiv. Putin warned Kyiv that further attacks on Russian territory would meet a"
            " harsh response. Biden condemned the attacks.",
            [("RUS", "UKR", "threatens"), ("USA", "RUS", "condemns")],
            [("UKR", "RUS", "attacks"), ("USA", "UKR", "condemns")],
        ),
        ("Russia launched further attacks on Kyiv.", [("RUS", "UKR", "attacks")], []),
        (
            "Israel warned Iran that any attack on Israel would be met with force.",
            [("ISR", "IRN", "threatens")],
            [("IRN", "ISR", "attacks")],
        ),
        # The wire's spelling of a leader's name is the leader.
        ("Zelenskiy accused Russia of terror.", [("UKR", "RUS", "condemns")], []),
        ("France and Germany would keep arming Ukraine.", [("FRA", "UKR", "arms_transfer"), ("DEU", "UKR", "arms_transfer")], []),
        # The one an act is done to ("of") is its victim when a "by" names its doer.
        (
            "The Security Council condemned the seizure of the Emirati-flagged ship Rwabee by Yemen's Houthi movement.",
            [("UNSC", "YEM", "condemns")],
            [("UNSC", "ARE", "condemns")],
        ),
        # To say that someone broke a ceasefire is to accuse them.
        (
            "Russia's defence ministry said Azerbaijani troops had violated the ceasefire.",
            [("RUS", "AZE", "condemns")],
            [],
        ),
        ("Armenia said Azerbaijan had broken the truce.", [("ARM", "AZE", "condemns")], []),
        ("Turkey, which helped broker the deal, will press Russia.", [], [("TUR", "RUS", "condemns")]),
        ("Russian jets harassed a Dutch navy frigate.", [("RUS", "NLD", "threatens")], []),
        # Drilling, sailing or patrolling together is military cooperation; so are two states' ships named in a list.
        (
            "South Africa's navy began ten days of exercises with Russian and Chinese warships.",
            [("ZAF", "RUS", "military_cooperation"), ("ZAF", "CHN", "military_cooperation")],
            [],
        ),
        (
            "A U.S. destroyer and a Canadian frigate sailed together through the Taiwan Strait.",
            [("USA", "CAN", "military_cooperation")],
            [],
        ),
        # Nouns of giving arms, ties restored, help and commitments.
        ("Britain has been one of the biggest suppliers of weapons to Ukraine.", [("GBR", "UKR", "arms_transfer")], []),
        ("Iran, which arms the Houthis, denies it.", [("IRN", "YEM", "arms_transfer")], []),
        (
            "The State Department said Washington's commitment to the defence of South Korea remained ironclad.",
            [("USA", "KOR", "supports_verbally")],
            [],
        ),
        ("The African Union said it stood firmly behind the authorities in Cotonou.", [("AU", "BEN", "supports_verbally")], []),
        # To say a state is behind an attack is to accuse it.
        (
            "Belgian security officials said Russia was very probably behind the flights.",
            [("BEL", "RUS", "condemns")],
            [("RUS", "BEL", "condemns")],
        ),
        ("Israel was behind the attack, Iranian officials said.", [("IRN", "ISR", "condemns")], []),
        # "West African" is a region, not the West.
        (
            "Niger accused France of deploying troops in several West African countries.",
            [("NER", "FRA", "condemns")],
            [("FRA", "WST", "troop_deployment")],
        ),
    ],
)
def test_round_twelve_rules(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # An "it" that is fired at is a missile, ship or bridge as often as a state: no state is guessed.
        ("The Russian drone crashed in Romania after Ukrainian air defences fired at it.", [], [("RUS", "ROU", "attacks")]),
        # Technical assistance is mostly civilian; "stood behind" an attack is to be responsible for it.
        ("China will provide technical assistance to Pakistan for its farms.", [], [("CHN", "PAK", "tech_transfer")]),
        ("Poland said Russia stood behind the arson attack.", [], [("RUS", "POL", "supports_verbally")]),
        # Ties sought are no talks held.
        ("The United States is pushing for normalisation of relations between Israel and Saudi Arabia.", [], [("ISR", "SAU", "talks")]),
        # Joining another in a reaction, drilling with live ammunition, flying together near a third: no partners.
        (
            "Japan joined the United States in condemning China's military drills around Taiwan.",
            [("JPN", "CHN", "condemns")],
            [("JPN", "USA", "military_cooperation")],
        ),
        ("China fired missiles during drills with live ammunition near Taiwan.", [], [("CHN", "TWN", "military_cooperation")]),
        ("Chinese and Russian bombers flew together near Japan.", [], [("CHN", "JPN", "military_cooperation")]),
        ("The German ships took part in drills with Japan's navy.", [("DEU", "JPN", "military_cooperation")], []),
        # A name after "and" that its own verb follows starts a clause, not a list of forces.
        ("Ukraine shot down Russian drones and Poland scrambled jets.", [("UKR", "RUS", "attacks")], [("UKR", "POL", "attacks")]),
        # A hyphened pair is a side only before a noun of what pairs do.
        ("Turkish jets struck Kurdish militants near the Iraq-Syria border.", [], [("TUR", "SYR", "attacks")]),
        # A comparison is no judgment.
        (
            "Zelenskiy urged the West to be more aggressive in sanctioning Russia.",
            [],
            [("RUS", "WST", "condemns"), ("UKR", "WST", "condemns")],
        ),
        # A participle's "by" names the doer of its own noun, not of the act.
        (
            "Russia condemned the attack of Ukrainian forces on Belgorod with missiles supplied by the United States.",
            [("RUS", "UKR", "condemns")],
            [("RUS", "USA", "condemns")],
        ),
        ("France condemned the attack launched by Russia on Kyiv.", [("FRA", "RUS", "condemns")], []),
        # "Further" acts are imagined only in a warning's own clause.
        ("The EU agreed further sanctions on Russia that will target its shadow fleet.", [("EU", "RUS", "sanctions")], []),
        ("Ukraine said further Russian strikes on its energy grid may have killed three people.", [("RUS", "UKR", "attacks")], []),
        # Arms halted are a sanction, not a transfer.
        ("Canada halted shipments of arms to Israel in March.", [("CAN", "ISR", "sanctions")], [("CAN", "ISR", "arms_transfer")]),
        # The Hague's datelines are the courts' as often as the Netherlands'.
        (
            "THE HAGUE, Jan 26 - President Joan Donoghue said Israel must take all measures to prevent genocide in Gaza.",
            [],
            [("NLD", "ISR", "demands")],
        ),
    ],
)
def test_second_reading_of_round_twelve(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # Force laid at another's door with no one else named was used on the accuser; the words between the accused
        # and the act (a day, its own forces, a determiner and qualifiers) do not hide it.
        (
            "Iran accused Israel on Saturday of assassinating its top nuclear scientist.",
            [("IRN", "ISR", "condemns"), ("ISR", "IRN", "attacks")],
            [],
        ),
        ("Georgia accused Russian occupation forces of shooting dead one of its citizens.", [("RUS", "GEO", "attacks")], []),
        ("Russia accused Ukraine of a deliberate terrorist attack.", [("UKR", "RUS", "attacks")], []),
        ("Moscow blamed Ukrainian naval drones for the strike on the Kerch Strait bridge.", [("UKR", "RUS", "attacks")], []),
        ("Iran and Syria blamed Israel for Monday's attack.", [("ISR", "IRN", "attacks"), ("ISR", "SYR", "attacks")], []),
        # A target named stays the target; a state named only as "a sovereign state" is not the accuser.
        ("Ukraine accused Russia of striking Poland.", [("RUS", "POL", "attacks")], [("RUS", "UKR", "attacks")]),
        (
            "Russia accused Washington and London of bombing a sovereign state.",
            [("RUS", "USA", "condemns")],
            [("USA", "RUS", "attacks"), ("GBR", "RUS", "attacks")],
        ),
        # Only force: arms laid at another's door go where they went, and only an accusation makes the accuser a victim.
        (
            "Britain accused Iran of supplying ballistic missiles to Russia.",
            [("IRN", "RUS", "arms_transfer")],
            [("IRN", "GBR", "arms_transfer")],
        ),
        ("Ukraine praised Poland for the attack.", [], [("POL", "UKR", "attacks")]),
        ("Ukraine condemned the attack.", [], [("UKR", "UKR", "attacks")]),
    ],
)
def test_force_laid_at_anothers_door(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # Storming a ship or a base is an attack; storming an embassy stays an act (no state is attacked).
        ("Israeli naval commandos stormed the Turkish passenger ship Mavi Marmara.", [("ISR", "TUR", "attacks")], []),
        ("Protesters stormed the Israeli embassy in Cairo.", [], [("EGY", "ISR", "attacks")]),
        # Sinking a ship is an attack; a ship that sank, or a deal torpedoed, is none.
        ("The Ukrainian navy sank the Russian warship Moskva.", [("UKR", "RUS", "attacks")], []),
        ("A Greek ship sank in a storm off Turkey.", [], [("GRC", "TUR", "attacks")]),
        ("Russia torpedoed the grain deal with Ukraine.", [], [("RUS", "UKR", "attacks")]),
        # "The violence", "the loss of life": the last use of force, not a later act against its doer.
        (
            "Israeli commandos stormed a Turkish ship. Ankara recalled its ambassador from Israel. "
            "The UN chief condemned the violence, and Washington regretted the loss of life.",
            [("UN", "ISR", "condemns"), ("USA", "ISR", "expresses_concern")],
            [("UN", "TUR", "condemns"), ("USA", "TUR", "expresses_concern")],
        ),
        # The two sides, described: "the two Asian giants", "both Koreas", "both nuclear-armed neighbours".
        (
            "China and India massed troops on the plateau. The United States urged the two Asian giants to resolve the row through direct talks.",
            [("USA", "CHN", "demands"), ("USA", "IND", "demands")],
            [("CHN", "IND", "talks")],
        ),
        (
            "North Korea fired shells at South Korea. China urged both Koreas to show restraint.",
            [("CHN", "PRK", "demands"), ("CHN", "KOR", "demands")],
            [],
        ),
        # "Both governments" are the two the story is about, not a mediator's country named once (with its title).
        (
            "Sudan and South Sudan signed deals on Thursday. Sudan's president said South Sudan must pay for the oil. "
            "The talks were brokered by a panel led by former South African President Thabo Mbeki. "
            "The White House called on both governments to carry out the agreements.",
            [("USA", "SDN", "demands"), ("USA", "SSD", "demands")],
            [("USA", "ZAF", "demands")],
        ),
        # A complaint lodged with an organisation is addressed to it, not against it; with a state, it is against it.
        ("Djibouti lodged a complaint with the African Union.", [], [("DJI", "AU", "condemns")]),
        ("Tokyo lodged a formal complaint with Beijing.", [("JPN", "CHN", "condemns")], []),
        # Allies named in passing are no pact: "its allies, including Japan" (0 of 3 right over the benchmark).
        ("The United States and its allies including Japan condemned the launch.", [], [("USA", "JPN", "defense_pact")]),
        # A nuclear or missile test is an act later reactions name ("condemned the test"), even after another's words.
        (
            "North Korea conducted its third underground nuclear test on Tuesday. "
            "Japan's prime minister condemned it as a grave threat to his country's security. "
            "China said it firmly opposed the test, and the U.N. Security Council condemned the test.",
            [("CHN", "PRK", "opposes"), ("UNSC", "PRK", "condemns")],
            [("CHN", "JPN", "opposes"), ("UNSC", "JPN", "condemns")],
        ),
        ("North Korea test-fired two ballistic missiles. Japan condemned the launches.", [("JPN", "PRK", "condemns")], []),
        # What one tells another ("told Putin that") is said: the teller condemns the violation it names.
        (
            "In a telephone call, U.S. President Barack Obama told Putin that Russia had violated Ukraine's sovereignty.",
            [("USA", "RUS", "condemns")],
            [("UKR", "RUS", "condemns")],
        ),
        ("Russia violated Ukraine's sovereignty.", [("UKR", "RUS", "condemns")], []),
    ],
)
def test_round_thirteen_rules(real, text, present, absent):
    assert_found(real, text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # A third party's accusation names no victim: the accuser is one only for an act told as a noun or done to
        # what is its own, and only a state.
        ("The United States accused Russia of bombing hospitals and schools.", [("USA", "RUS", "condemns")], [("RUS", "USA", "attacks")]),
        ("NATO accused Russia of attacking energy infrastructure across the country.", [], [("RUS", "NATO", "attacks")]),
        # A plan laid at another's door is no act done; a plot is a potential act.
        ("Russia accused Ukraine of preparing a dirty bomb attack.", [("RUS", "UKR", "condemns")], [("UKR", "RUS", "attacks")]),
        ("Venezuela accused Colombia of plotting an invasion.", [], [("COL", "VEN", "armed_conflict")]),
        # An act whose doer its "by" names is what is blamed, not a new act of the one blamed.
        (
            "Pakistan blamed Afghanistan for the attacks by the Pakistani Taliban in Khyber Pakhtunkhwa.",
            [("PAK", "AFG", "condemns")],
            [("PAK", "AFG", "attacks")],
        ),
        # A sinking blamed, torpedoes bought: no attack.
        ("Turkey blamed Greece for the sinking of a migrant boat off Lesbos.", [], [("GRC", "TUR", "attacks")]),
        ("India signed a deal to buy heavyweight torpedoes for its submarines from France.", [], [("IND", "FRA", "attacks")]),
        # The "and" of a list of names is no second predicate: talks urged on India and Pakistan are not held.
        (
            "The U.S. urged India and Pakistan to resolve their dispute through direct talks.",
            [("USA", "IND", "demands")],
            [("IND", "PAK", "talks")],
        ),
    ],
)
def test_second_reading_of_round_thirteen(real, text, present, absent):
    assert_found(real, text, present, absent)


def test_a_plot_is_a_potential_act(real):
    found = extract("Russia said it had foiled a Ukrainian plot to assassinate a Russian journalist.", real, learned=False)
    assert set(found.status) <= {"potential"}


@pytest.mark.parametrize(
    ("words", "size"),
    [("the northern Yemeni city of Saada", None), ("the small city - state", 5), ("the South American country", 4)],
)
def test_a_state_described_is_named_by_its_whole_noun(words, size):
    """ "City" begins "city-state" but describes no state: "the Yemeni city of Saada" is no state told before."""
    from graph._clauses import Tok
    from graph._mentions import described_state

    toks = [Tok(w, w.lower(), w.lower(), 0) for w in words.split()]
    assert described_state(toks, 0) == size
