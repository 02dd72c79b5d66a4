"""The memo of results by text (``medlint.memo``): kept from a text's second
meeting, bounded, and never a wrong result."""

from medlint.memo import TextMemo


def test_a_result_is_kept_from_the_second_time_its_text_is_met():
    memo: TextMemo[int] = TextMemo()
    memo.put(("once", ()), 4, 1)
    assert memo.get(("once", ())) is None  # most texts stand once: not kept
    memo.put(("once", ()), 4, 1)
    assert memo.get(("once", ())) == 1
    assert memo.get(("other", ())) is None
    assert memo.get(("once", (3,))) is None  # the whole key, not the text alone


def test_the_memo_is_bounded_by_the_characters_kept_and_the_hashes_noted():
    memo: TextMemo[str] = TextMemo(max_chars=10, max_seen=3)
    for text in ("aaaa", "bbbb", "cccc"):
        memo.put(text, 4, text.upper())
        memo.put(text, 4, text.upper())
    # 12 characters > 10: the first two were forgotten when the third came
    assert [memo.get(text) for text in ("aaaa", "bbbb", "cccc")] == [None, None, "CCCC"]
    for text in ("d", "e", "f", "g"):  # the fourth hash starts the notes over
        memo.put(text, 1, text)
    memo.put("d", 1, "d")
    assert memo.get("d") is None  # "d" was forgotten with the notes: noted again
    memo.put("g", 1, "g")
    assert memo.get("g") == "g"
    assert memo._noted <= 3
    memo.clear()
    assert memo.get("cccc") is None and memo.get("g") is None


def test_a_documents_words_and_fingerprints_hold_one_string_per_word():
    """A long article's words repeat: each distinct word is one string, for
    the sentences' words and the duplicate rules' fingerprints alike (80,000
    paragraphs held 800,000 copies otherwise)."""
    from medlint.checks.duplicate_paragraph import fingerprinter
    from medlint.parsing import load_document

    doc = load_document(
        "a.md", b"# Iron\n\nIron helps blood.\n\nBlood carries iron, and iron helps.\n"
    )
    first, second = [b for b in doc.blocks if b.kind.value == "paragraph"]
    one, two = first.sentences[0].words, second.sentences[0].words
    assert one == ("Iron", "helps", "blood") and two[-1] == "helps"
    assert one[1] is two[-1] and two[2] is two[4]  # "helps", "iron"
    # (Two searches, as the two duplicate rules make: the words are still shared.)
    a, b = fingerprinter(doc)(first.text), fingerprinter(doc)(second.text)
    assert a == ("iron", "helps", "blood") and b[2] == "iron"
    assert a[0] is b[2] is b[4] and a[1] is b[-1] and a[2] is b[0]


def test_every_memo_is_forgotten_before_the_project_phase(tmp_path, monkeypatch):
    """What the checks keep for texts met again is let go once the articles
    are checked: the project phase reads none of it, and it was ~10 MB of
    the peak of a run over the whole NIH corpus."""
    from medlint import memo, runner
    from medlint.cli import main

    repeated = "People with a cold should rest at home and drink plenty of fluids."
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.md").write_text(f"# {name}\n\n{repeated}\n")
    kept_then: list[int] = []
    project_phase = runner._project_phase

    def spy(*args, **kwargs):
        kept_then.append(sum(len(m._kept) + m._noted for m in list(memo._MADE)))
        return project_phase(*args, **kwargs)

    monkeypatch.setattr(runner, "_project_phase", spy)
    filled = memo.TextMemo()
    filled.put("text", 4, 1)
    filled.put("text", 4, 1)
    assert filled.get("text") == 1
    main(["check", "--no-cache", "-j", "1", "--quiet", str(tmp_path)])
    assert kept_then == [0] and filled.get("text") is None
    memo.forget_all()  # (nothing left to forget)
    assert filled.get("text") is None
