"""Sentence splitting: boundaries where readers see them, not at every dot."""

import pytest

from medlint.parsing.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Smith will see you at 8:30 a.m. on Monday.",
        "Eat iron-rich foods, e.g. Beans and lentils help.",
        "Some drugs, i.e. Ibuprofen and naproxen, upset the stomach.",
        "Compare brand vs. Generic drugs before you buy.",
        "Take 2.5 mg twice a day with water.",
        "The U.S. Food and Drug Administration approved it.",
        "Dosing in children (Fig. 2) follows body weight.",
        "John F. Kennedy had Addison disease.",
    ],
)
def test_no_break_inside_a_sentence(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rest well. Drink water!", ["Rest well.", "Drink water!"]),
        ("Is it contagious? No. It is not.", ["Is it contagious?", "No.", "It is not."]),
        (
            "What is (are) anemia ? Anemia is common.",
            ["What is (are) anemia ?", "Anemia is common."],
        ),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("It is stage I. Ask your doctor.", ["It is stage I.", "Ask your doctor."]),
        ("Call 911. 2 people were hurt.", ["Call 911.", "2 people were hurt."]),
        ("Many have ADHD.2 The link is unclear.", ["Many have ADHD.2", "The link is unclear."]),
        ("Between 30 and 50.4 For this reason", ["Between 30 and 50.4 For this reason"]),
        ("Fever, rash, etc. The list goes on.", ["Fever, rash, etc.", "The list goes on."]),
        ("  Leading and trailing space.  ", ["Leading and trailing space."]),
        ("A heading without a stop", ["A heading without a stop"]),
        ("", []),
    ],
)
def test_breaks(text, expected):
    assert sentences(text) == expected


def test_a_text_met_again_gives_the_same_sentences_and_words_of_its_own():
    """The sentences of a block's text are kept for the texts met again (a
    site repeats paragraphs across articles): the same sentences and words,
    each sentence the article's own (its block is the article's), its words
    a tuple that no article can change under another."""
    from medlint.parsing import load_document

    text = "# A\n\nTake 2.5 mg at 8 a.m. daily. Call your GP on 0800 123 456 if it hurts.\n"
    # (kept from the second time a text is met: the third reads the memo)
    _, first, second = (load_document(name, text.encode()) for name in ("a.md", "b.md", "c.md"))
    one, two = list(first.sentences), list(second.sentences)
    assert [(s.text, s.words) for s in one] == [(s.text, s.words) for s in two]
    assert [s.text for s in one][-2:] == [
        "Take 2.5 mg at 8 a.m. daily.",
        "Call your GP on 0800 123 456 if it hurts.",
    ]
    assert isinstance(one[-1].words, tuple) and one[-1] is not two[-1]
    assert two[-1].block is second.blocks[-1] and one[-1].block is first.blocks[-1]
