"""Actor memory across documents: a person named once with a title resolves later from
the surname alone, within their time in office (tacitus.actors.memory)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tacitus import Pipeline, Settings
from tacitus.actors.memory import GRACE_DAYS, ActorMemory, Remembered, bare_surname, settle
from tacitus.records import Actor, CodedDocument, Document, Event, Mention, PersonTitle

MINISTER = PersonTitle("Halima Osoro", "interior minister", "KEN", "GOV")


def surname(name: str = "Osoro", country: str | None = None) -> Actor:
    return Actor(name=name, text=name, country=country)


def test_a_surname_resolves_to_the_person_seen_with_a_title() -> None:
    memory = ActorMemory(days=365)
    memory.learn([MINISTER], date(2024, 3, 6))
    found = memory.recall(surname(), date(2024, 3, 20))
    assert found is not None
    assert (found.name, found.country, found.sector, found.role) == (
        "Halima Osoro",
        "KEN",
        "GOV",
        "interior minister",
    )
    assert found.text == "Osoro"  # the text is still what the document says


@pytest.mark.parametrize(
    ("day", "resolves"),
    [
        (date(2024, 3, 6), True),
        (date(2024, 3, 6 - 5), True),  # a few days before: within the grace
        (date(2024, 2, 1), False),  # long before anyone called her minister
        (date(2025, 3, 6), True),  # 365 days after the last title
        (date(2025, 3, 8), False),  # past the window
    ],
)
def test_only_within_the_window_of_the_title(day: date, resolves: bool) -> None:
    memory = ActorMemory(days=365)
    memory.learn([MINISTER], date(2024, 3, 6))
    assert (memory.recall(surname(), day) is not None) is resolves
    assert GRACE_DAYS >= 5


def test_a_knowledge_base_person_resolves_only_during_the_office() -> None:
    memory = ActorMemory(days=365)
    held = PersonTitle(
        "Jane Doe-Smith",
        "foreign minister",
        "NZL",
        "GOV",
        actor_id="jane-doe-smith",
        office_start=date(2020, 1, 1),
        office_end=date(2022, 6, 30),
        surname="Doe-Smith",
    )
    memory.learn([held], date(2021, 5, 1))
    assert memory.recall(surname("Doe-Smith"), date(2022, 6, 1)) is not None
    assert memory.recall(surname("Doe-Smith"), date(2022, 7, 1)) is None  # out of office
    found = memory.recall(surname("Doe-Smith"), date(2020, 2, 1))
    assert found is not None and found.actor_id == "jane-doe-smith"


def test_two_people_with_one_surname_resolve_neither() -> None:
    memory = ActorMemory(days=365)
    memory.learn([MINISTER], date(2024, 3, 6))
    memory.learn([PersonTitle("Peter Osoro", "trade minister", "TZA", "GOV")], date(2024, 4, 1))
    assert memory.recall(surname(), date(2024, 4, 10)) is None
    # the country the text gives tells them apart
    found = memory.recall(surname(country="TZA"), date(2024, 4, 10))
    assert found is not None and found.name == "Peter Osoro"


def test_what_is_learned_and_what_is_not() -> None:
    memory = ActorMemory(days=365)
    assert memory.learn([MINISTER], None) == []  # an undated document teaches nothing
    no_country = PersonTitle("Amina Wekesa", "spokeswoman", None, None)
    one_word = PersonTitle("Osoro", "minister", "KEN", "GOV")
    assert memory.learn([no_country, one_word], date(2024, 3, 6)) == []
    memory.learn([MINISTER, MINISTER], date(2024, 3, 6))
    memory.learn([MINISTER], date(2024, 5, 1))
    entry = memory.by_name["Halima Osoro"]
    assert (entry.documents, entry.first_seen, entry.last_seen) == (
        2,
        date(2024, 3, 6),
        date(2024, 5, 1),
    )
    assert [p.name for p in memory.take_changed()] == ["Halima Osoro"]
    assert memory.take_changed() == []


def test_full_names_ids_and_known_countries_are_left_alone() -> None:
    memory = ActorMemory(days=365)
    memory.learn([MINISTER], date(2024, 3, 6))
    day = date(2024, 3, 7)
    assert memory.recall(Actor(name="Halima Osoro", text="x"), day) is None
    assert memory.recall(Actor(name="Osoro", text="x", actor_id="someone"), day) is None
    assert memory.recall(Actor(name="Osoro", text="x", country="UGA"), day) is None
    assert memory.recall(Actor(name="Osoro", text="x", kind="group"), day) is None
    assert memory.recall(surname(), None) is None


def test_a_memory_read_back_from_rows_answers_alike() -> None:
    entry = Remembered(
        "Halima Osoro", "Osoro", "minister", "KEN", "GOV", None,
        date(2024, 3, 6), date(2024, 3, 6), 1,
    )  # fmt: skip
    memory = ActorMemory(30, [entry])
    assert memory.recall(surname(), date(2024, 4, 1)) is not None
    assert memory.recall(surname(), date(2024, 4, 10)) is None


def test_settle_resolves_or_drops_what_waited_for_the_memory() -> None:
    def coded(day: date, people: list[PersonTitle]) -> CodedDocument:
        accuse = Event(
            "ACCUSE",
            None,
            [surname()],
            [Actor(name="Uganda", text="Ugandan police", country="UGA", sector="COP")],
            [Mention("d", "Osoro accused Ugandan police.", 0, 29)],
            date=day,
        )
        document = Document(doc_id=str(day), text="…", published=day)
        return CodedDocument(document, [], [accuse], [], [], people=people)

    alone = coded(date(2024, 3, 20), [])
    assert settle(alone, ActorMemory()) == (0, ["source without country"])
    assert alone.events == [] and alone.actors == []

    memory = ActorMemory()
    settle(coded(date(2024, 3, 6), [MINISTER]), memory)
    later = coded(date(2024, 3, 20), [])
    assert settle(later, memory) == (1, [])
    assert later.events[0].source[0].name == "Halima Osoro"
    assert bare_surname(surname()) and not bare_surname(later.events[0].source[0])


def test_an_unresolved_surname_leaves_a_compound_side_and_the_event_stays() -> None:
    kenya = Actor(name="Kenya", text="Kenya", country="KEN", kind="country")
    event = Event(
        "ACCUSE",
        None,
        [kenya, surname("Wafula")],
        [Actor(name="Uganda", text="Uganda", country="UGA", kind="country")],
        [Mention("d", "Kenya and Wafula accused Uganda.", 0, 31)],
    )
    coded = CodedDocument(Document(doc_id="d", text="…"), [], [event], [], [kenya])
    assert settle(coded, ActorMemory()) == (0, [])
    assert [a.name for a in coded.events[0].source] == ["Kenya"]


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        # an acronym is no surname: the event keeps its named source as before
        ("The NPFL and Liberia accused Sierra Leone of shelling the border.", {"LBR"}),
        # a possible surname does not take a side of its own in "X and Y agreed" (an
        # unknown word the parser tags ORG; Nunavut is now a region in regions.tsv)
        ("Nunatak and the United Kingdom agreed to withdraw from each other's land.", {"GBR"}),
    ],
)
def test_words_that_may_be_surnames_do_not_change_what_is_coded(
    text: str, sources: set[str]
) -> None:
    pipeline = Pipeline(Settings())
    pipeline.memory = None
    (coded,) = pipeline.code_documents([Document(doc_id="d", text=text)])
    assert coded.events
    assert {a.country for e in coded.events for a in e.source} == sources


STORIES = {
    "first": (
        "2024-03-06",
        "Kenyan Interior Minister Halima Osoro met Uganda's police chief in Kampala on "
        "Monday to discuss cross-border cattle raids.",
    ),
    "later": (
        "2024-03-20",
        "Osoro accused Ugandan police of harassing Kenyan traders at the Busia crossing "
        "on Tuesday.",
    ),
}


def write(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        day, text = STORIES[name]
        (folder / f"{name}.txt").write_text(text)
        (folder / f"{name}.meta.json").write_text(f'{{"published": "{day}"}}')
    return folder


def test_a_run_of_tacitus_code_remembers_across_its_documents(tmp_path: Path) -> None:
    pipeline = Pipeline(Settings())
    from tacitus.ingest import read_paths

    folder = write(tmp_path / "both", ["first", "later"])
    coded = list(pipeline.code_documents(read_paths([str(folder)], settings=pipeline.settings)))
    accuse = [e for c in coded for e in c.events if e.type == "ACCUSE"]
    assert [(a.name, a.country) for e in accuse for a in e.source] == [("Halima Osoro", "KEN")]
    assert pipeline.stats.recalled == 1

    alone = Pipeline(Settings())
    only = write(tmp_path / "later", ["later"])
    coded = list(alone.code_documents(read_paths([str(only)], settings=alone.settings)))
    assert not [e for c in coded for e in c.events if e.type == "ACCUSE"]
    assert alone.stats.discarded["source without country"] >= 1
