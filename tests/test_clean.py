"""Cleaning: every boilerplate rule finds its lines, and article prose is never removed."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tacitus.clean import (
    DUPLICATE_MIN_CHARS,
    clean,
    find_boilerplate,
    load_rules,
    split_lines,
    truecase_headlines,
)
from tacitus.records import Document, RemovedSpan

LEDE = (
    "Jordanian Foreign Minister Ayman Safadi met his Egyptian counterpart in Amman on "
    "Thursday to discuss aid deliveries to Gaza, the foreign ministry said."
)
BODY = (
    "The two ministers also reviewed preparations for a donor conference planned for "
    "next month, according to a statement issued after the talks."
)

# One typical line per rule (several for rules with several shapes), with the reason the
# rule must report. Every rule in boilerplate.toml must appear here.
TYPICAL: list[tuple[str, str, str]] = [
    ("section-label", "section label", "update deskU.S.-Israel Relations"),
    ("section-label", "section label", "world desk | Europe"),
    ("section-label", "section label", "news desk: Gulf"),
    ("article-counter", "paywall nag", "You have read 3 articles this month."),
    ("article-counter", "paywall nag", "You have read 3 of your 5 free articles this month."),
    ("article-counter", "paywall nag", "You've read all of your free articles for this month."),
    ("register-for-access", "paywall nag", "Register to receive full access to the Observer."),
    ("register-for-access", "paywall nag", "Please register to unlock unlimited reading."),
    ("loyal-reader", "paywall nag", "Thank you. You are a loyal Gulf Courier reader."),
    ("loyal-reader", "paywall nag", "Thank you! You are a valued reader."),
    ("already-subscriber", "paywall nag", "Already a subscriber? Sign in."),
    ("already-subscriber", "paywall nag", "Subscribe to continue reading."),
    ("scroll-on", "donation appeal", "Just before you scroll on..."),
    ("join-mission", "donation appeal", "Become a part of our mission by donating today"),
    (
        "join-mission",
        "donation appeal",
        "Donate today to keep our Gulf coverage free for everyone.",
    ),
    ("newsletter", "newsletter prompt", "Sign up for our Middle East Briefing newsletter."),
    (
        "newsletter",
        "newsletter prompt",
        "Subscribe to our morning digest for the day's top stories.",
    ),
    (
        "newsletter-inbox",
        "newsletter prompt",
        "Get the best of our politics coverage delivered to your inbox every weekday morning.",
    ),
    ("page-chrome", "page chrome", "Topics"),
    ("page-chrome", "page chrome", "Comments"),
    ("page-chrome", "page chrome", "12 comments"),
    ("page-chrome", "page chrome", "Share this article"),
    ("page-chrome", "page chrome", "Advertisement"),
    ("tag-list", "page chrome", "Topics: Keir Starmer, Giorgia Meloni, Migration"),
    ("tag-list", "page chrome", "Tags: U.S. politics, Iran, Israel"),
    (
        "wire-credit",
        "page chrome",
        "(Reporting by Northline's Amman bureau; editing by the Middle East desk)",
    ),
    (
        "cookie-notice",
        "page chrome",
        "We use cookies to improve your experience. By continuing you accept our policy.",
    ),
    (
        "donation-appeal",
        "donation appeal",
        "We rely on readers like you. Every donation, large or small, makes a difference.",
    ),
    (
        "donation-appeal",
        "donation appeal",
        "Support independent journalism. Donate now.",
    ),
    (
        "paywall-appeal",
        "paywall nag",
        "You have read 2 free articles. Subscribe now for unlimited access to every story.",
    ),
    (
        "photo-credit",
        "photo caption",
        "Foreign Minister Hakan Fidan in Ankara, Sept. 9, 2024. Photo by Deniz Karaca/POOL.",
    ),
    (
        "photo-credit",
        "photo caption",
        "Leaders pose for a family photo. Photo by ANDREW MARSH/AFP via Getty Images",
    ),
    ("photo-credit", "photo caption", "Smoke over the port on Monday. (AP Photo/Evan Roe)"),
    ("photo-credit", "photo caption", "Delegates at the summit. Photo by Özge Kaya/Anadolu."),
]

# Sentences from news stories that contain boilerplate vocabulary and must stay. Each is
# tested as a paragraph of its own, the form in which a line rule could match it whole.
ARTICLE_SENTENCES = [
    # a story about a newspaper's paywall, quoting its nag
    "The Tribune introduced a metered paywall in March, and readers who reach the limit "
    "now see a banner that says “You have read 3 articles this month” before being "
    "offered a digital pass.",
    "Subscribers who already pay for the print edition will get full access to the "
    "website at no extra cost, the publisher said.",
    "Readers can register for a free account, which lets them read five stories a month, "
    "the editor said.",
    # a charity's appeal and a campaign's fundraising, reported in the third person
    "In its winter appeal, the Red Crescent asked supporters to donate now rather than "
    "wait until the end of the year, saying every contribution would go directly to "
    "flood relief.",
    "Donations to the senator's campaign rose sharply after the debate, and the campaign "
    "said every contribution, big or small, would be spent on advertising.",
    "Voters who want a say in the leadership contest must become a member of the party "
    "by Friday, officials said.",
    # topics and comments in prose
    "The minister said the topics discussed included trade, energy and the security of "
    "shipping in the Red Sea.",
    "Topics discussed at the meeting included visas, trade and the return of migrants, "
    "according to a readout.",
    "Comments made by the minister at a rally on Sunday drew a formal protest from the "
    "neighbouring government.",
    "Comments by the ambassador were later deleted from the embassy's social media account.",
    # photographs in prose
    "A photo by Reuters photographer Lena Morales, showing the two leaders shaking hands, "
    "was shared widely online.",
    "Photographs by Lena Morales of the signing ceremony were published on Tuesday by "
    "dozens of newspapers.",
    "Photos by local residents showed smoke rising over the port on Monday night.",
    # newsletters, sharing, printing, desks
    "The opposition leader told supporters to sign up for the party's newsletter and to "
    "share the petition with friends.",
    "More than 40,000 people signed up for the ministry's weekly newsletter within a day "
    "of its launch.",
    "Share prices in Istanbul fell by 4 percent after the announcement.",
    "Print and broadcast journalists were barred from the briefing.",
    "Related talks between the two delegations are expected to resume in Doha next week.",
    "News desk editors at the state broadcaster walked out on Tuesday over pay.",
    "Tags fitted to the containers showed they had been loaded in Piraeus.",
    "Sponsored by the foreign ministry, the exhibition opens in Cairo on Thursday.",
    "“Before you go any further with this plan, ask who will pay for it,” the finance "
    "minister told parliament.",
    "“Thank you for your support,” the minister told the crowd before leaving the stage.",
]


def page(*lines: str) -> str:
    """A small scraped page: the article, then the given lines as paragraphs."""
    return "\n\n".join([LEDE, BODY, *lines]) + "\n"


def check_offsets(text: str, spans: list[RemovedSpan]) -> None:
    for span in spans:
        assert text[span.start : span.end] == span.text


def all_rule_names() -> set[str]:
    rules = load_rules()
    return {r.name for r in (*rules.lines, *rules.blocks, *rules.captions)}


def test_every_rule_has_a_typical_line() -> None:
    assert {name for name, _, _ in TYPICAL} == all_rule_names()


def test_reasons_match_the_rule_file() -> None:
    rules = load_rules()
    reasons = {r.name: r.reason for r in (*rules.lines, *rules.blocks, *rules.captions)}
    for name, reason, _ in TYPICAL:
        assert reasons[name] == reason, name


@pytest.mark.parametrize(
    ("rule", "reason", "line"),
    TYPICAL,
    ids=[f"{name}-{i}" for i, (name, _, _) in enumerate(TYPICAL)],
)
def test_rule_removes_its_typical_line(rule: str, reason: str, line: str) -> None:
    text = page(line)
    spans = find_boilerplate(text)
    assert len(spans) == 1, spans
    (span,) = spans
    assert span.text == line
    assert span.rule == rule
    assert span.reason == reason
    assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(("rule", "reason", "line"), TYPICAL[:5])
def test_surrounding_white_space_is_not_part_of_the_span(rule: str, reason: str, line: str) -> None:
    text = f"{LEDE}\n\n   {line}  \t\n{BODY}"
    (span,) = find_boilerplate(text)
    assert (span.text, span.rule, span.reason) == (line, rule, reason)
    assert text[span.start : span.end] == line


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_article_sentence_is_never_removed(sentence: str) -> None:
    assert find_boilerplate(page(sentence)) == []
    assert find_boilerplate(sentence) == []


def test_article_sentences_together_are_never_removed() -> None:
    text = "\n".join(ARTICLE_SENTENCES)
    assert find_boilerplate(text) == []


def test_boilerplate_after_an_article_is_found_and_the_article_kept() -> None:
    lines = [line for _, _, line in TYPICAL]
    text = "\n".join([*ARTICLE_SENTENCES, *lines])
    spans = find_boilerplate(text)
    check_offsets(text, spans)
    assert [s.text for s in spans] == lines
    first_boilerplate = text.index(lines[0])
    assert all(span.start >= first_boilerplate for span in spans)


def test_spans_are_sorted_and_do_not_overlap() -> None:
    text = page(*(line for _, _, line in reversed(TYPICAL)))
    spans = find_boilerplate(text)
    check_offsets(text, spans)
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert all(a.end < b.start for a, b in pairwise(spans))


# -- duplicates -----------------------------------------------------------------------------
def test_a_duplicated_line_is_removed_once_the_second_time() -> None:
    headline = "Safadi hosts Egyptian minister for talks on Gaza aid"
    assert len(headline) >= DUPLICATE_MIN_CHARS
    text = f"{headline}\n{headline}\n\n{LEDE}\n\n{BODY}"
    spans = find_boilerplate(text)
    assert len(spans) == 1
    (span,) = spans
    assert (span.rule, span.reason, span.text) == ("duplicate-line", "duplicate line", headline)
    assert span.start == len(headline) + 1
    check_offsets(text, spans)


def test_duplicates_are_compared_with_white_space_collapsed() -> None:
    text = f"{LEDE}\n\n{BODY}\n\n  {BODY.replace(' ', '  ', 3)}  "
    (span,) = find_boilerplate(text)
    assert span.rule == "duplicate-line"
    assert span.start > text.index(BODY) + len(BODY)
    check_offsets(text, [span])


def test_a_duplicated_caption_is_removed_twice_as_a_caption() -> None:
    caption = "Foreign Minister Ayman Safadi in Amman, Oct. 3, 2024. Photo by Rami Haddad/Reuters."
    text = f"{caption}\n{caption}\n\n{LEDE}"
    spans = find_boilerplate(text)
    assert [(s.rule, s.text) for s in spans] == [("photo-credit", caption)] * 2
    check_offsets(text, spans)


def test_a_short_repeated_line_is_chrome_not_a_duplicate() -> None:
    text = page("Topics", "Jordan", "Topics", "Comments")
    spans = find_boilerplate(text)
    assert len("Topics") < DUPLICATE_MIN_CHARS
    assert [(s.text, s.rule) for s in spans] == [
        ("Topics", "page-chrome"),
        ("Topics", "page-chrome"),
        ("Comments", "page-chrome"),
    ]
    check_offsets(text, spans)


def test_a_short_repeated_prose_line_is_kept() -> None:
    text = page("Amman, Oct. 3", "Amman, Oct. 3")
    assert find_boilerplate(text) == []


# -- the stage ---------------------------------------------------------------------------------
SCRAPED = (
    "news deskRegional Diplomacy\n"
    "Safadi hosts Egyptian minister for talks on Gaza aid\n"
    "Ayman Safadi in Amman, Oct. 3, 2024. Photo by Rami Haddad/Reuters.\n"
    "Ayman Safadi in Amman, Oct. 3, 2024. Photo by Rami Haddad/Reuters.\n"
    "\n"
    f"{LEDE}\n"
    "\n"
    f"   {BODY}\n"
    "\n"
    "You have read 3 of your 5 free articles this month.\n"
    "Sign up for our Middle East Briefing newsletter.\n"
    "Topics\n"
    "Jordan\n"
    "Comments\n"
)


def test_clean_reports_spans_without_changing_the_text() -> None:
    document = Document(doc_id="amman", text=SCRAPED)
    result = clean(document)
    assert result is document
    assert document.text == SCRAPED
    assert document.removed == find_boilerplate(SCRAPED)
    assert [s.reason for s in document.removed] == [
        "section label",
        "photo caption",
        "photo caption",
        "paywall nag",
        "newsletter prompt",
        "page chrome",
        "page chrome",
    ]
    check_offsets(document.text, document.removed)


def test_clean_replaces_earlier_findings() -> None:
    document = Document(doc_id="amman", text=SCRAPED)
    document.removed = [RemovedSpan(0, 4, "news", "stale", "stale")]
    clean(document)
    assert all(span.rule != "stale" for span in document.removed)


def test_masked_text_keeps_length_and_newlines() -> None:
    document = clean(Document(doc_id="amman", text=SCRAPED))
    masked = document.masked_text()
    assert len(masked) == len(SCRAPED)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(SCRAPED) if c == "\n"
    ]
    inside = set()
    for span in document.removed:
        assert masked[span.start : span.end].strip() == ""
        inside.update(range(span.start, span.end))
    assert all(masked[i] == SCRAPED[i] for i in range(len(SCRAPED)) if i not in inside)
    assert LEDE in masked and BODY in masked
    assert "Photo by" not in masked and "Topics" not in masked


def test_masked_text_of_a_clean_article_is_the_text() -> None:
    text = f"{LEDE}\n\n{BODY}\n"
    document = clean(Document(doc_id="plain", text=text))
    assert document.removed == []
    assert document.masked_text() == text


def test_split_lines_offsets() -> None:
    lines = list(split_lines("  first line \nsecond\n\n\nthird\n"))
    assert [line.text for line in lines] == ["first line", "second", "third"]
    assert [(line.start, line.end) for line in lines] == [(2, 12), (14, 20), (23, 28)]


PIECES = [line for _, _, line in TYPICAL] + ARTICLE_SENTENCES[:6] + ["", "  ", "Jordan"]


@given(
    st.lists(st.sampled_from(PIECES), max_size=12),
    st.sampled_from(["\n", "\r\n", "\n\n", "\n \n"]),
)
def test_masking_any_page_keeps_its_shape(pieces: list[str], separator: str) -> None:
    text = separator.join(pieces)
    document = clean(Document(doc_id="any", text=text))
    assert document.text == text
    check_offsets(text, document.removed)
    masked = document.masked_text()
    assert len(masked) == len(text)
    assert [c for c in masked if c in "\r\n"] == [c for c in text if c in "\r\n"]


def test_block_keywords_cover_every_word_signal() -> None:
    """A block rule's keywords filter lines before its signals are tried, so each signal
    that looks for words must contain one of them literally (else it could never hit)."""
    from tacitus.clean import load_rules

    for block in load_rules().blocks:
        if not block.keywords:
            continue
        for signal in block.signals:
            if signal.pattern.startswith("^(?!"):
                continue
            assert any(k in signal.pattern.lower() for k in block.keywords), (
                f"{block.name}: no keyword in signal {signal.pattern!r}"
            )


# -- headlines in sentence case for the parser


STORY = (
    "Curaçao Expels Dozens of Diplomats After EU Report\n\n"
    "The government of Curaçao expelled dozens of diplomats on Saturday after a report "
    "by the Isle of Man accused them of abuse.\n"
)


def test_a_title_case_headline_is_put_in_sentence_case_keeping_names() -> None:
    cased = truecase_headlines(STORY)
    assert cased.split("\n")[0] == "Curaçao expels dozens of diplomats after EU report"
    assert cased.split("\n", 1)[1] == STORY.split("\n", 1)[1]  # the body as it was


@pytest.mark.parametrize(
    "line",
    [
        "Blinken holds phone calls with Netanyahu, Abbas",  # already in sentence case
        "Antony Blinken, Benjamin Netanyahu and Mahmoud Abbas",  # names only
        "Israeli Prime Minister Benjamin Netanyahu Met U.S. Envoys in Jerusalem.",  # full stop
        "Ukraine War",  # too short to tell
    ],
)
def test_other_lines_are_left_alone(line: str) -> None:
    text = f"{line}\n\nThe envoys met officials and discussed the war on Tuesday.\n"
    assert truecase_headlines(text) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_truecasing_keeps_every_offset(text: str) -> None:
    cased = truecase_headlines(text)
    assert len(cased) == len(text)
    assert [c.lower() for c in cased] == [c.lower() for c in text]


def test_known_names_keep_their_capitals_where_the_body_gives_no_clue() -> None:
    text = (
        "San Marino Expresses Support for Cyprus Policy\n\n"
        "Cyprus welcomed the statement; the small republic expresses support for its "
        "policy in the region, officials said.\n"
    )
    assert truecase_headlines(text).split("\n")[0] == (
        "San marino expresses support for cyprus policy"
    )
    cased = truecase_headlines(text, lambda: {"Marino", "Cyprus"})
    assert cased.split("\n")[0] == "San Marino expresses support for Cyprus policy"


def test_a_name_keeps_its_capital_with_a_possessive_ending() -> None:
    text = (
        "Talks Between Italy's Leaders And Unions Collapse\n\n"
        "The unions said the talks would collapse, and Italy said it would try again.\n"
    )
    assert truecase_headlines(text).split("\n")[0] == (
        "Talks between Italy's leaders and unions collapse"
    )


def test_an_english_verb_is_evidence_that_a_title_case_line_is_prose() -> None:
    # the body never writes "condemns", "raids" or "village" in lower case
    text = (
        "Chad Condemns Raids on Border Village\n\n"
        "N'Djamena said its army would protect the area. Officials gave no figures.\n"
    )
    assert truecase_headlines(text) == text
    cased = truecase_headlines(text, verbs=lambda: {"condemn", "raid", "protect"})
    assert cased.split("\n")[0] == "Chad condemns raids on border village"
    # a line of names stays as it is whatever the verbs
    names = "Idriss Deby, Mahamat Deby and Succes Masra\n\nThe three spoke in the capital.\n"
    assert truecase_headlines(names, verbs=lambda: {"condemn", "speak"}) == names


def test_a_name_of_several_words_keeps_its_capitals_only_where_it_is_whole() -> None:
    text = (
        "Lesotho Declares Martial Law as Law and Justice Party Protests\n\n"
        "Officials said the decree was signed overnight.\n"
    )
    known = lambda: {"Lesotho", "Law and Justice Party", "Martial Celestin"}  # noqa: E731
    first = truecase_headlines(text, known, lambda: {"declare"}).split("\n")[0]
    assert first == "Lesotho declares martial law as Law and Justice Party protests"
