"""`hotline kb check`: the real knowledge base is valid, and each kind of editing mistake is named precisely."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from fluent.syntax import FluentParser, ast

from bot.answers.knowledge_base import LANGUAGES, KnowledgeBase, KnowledgeBaseError, load_knowledge_base, numbers_in
from bot.core.i18n import LOCALES, Translator

BRIEFING_FIGURES = {
    "31",
    "40",
    "65",
    "3",
    "6",
    "18",
    "7",
    "34",
    "140",
    "907",
    "162",
    "14.5",
    "400",
    "12",
    "2018",
    "2022",
    "2019",
}


def good_entry(entry_id: str = "sample-fact") -> dict:
    return {
        "id": entry_id,
        "tags": ["sample"],
        "answer": {"kk": "2019 жылы 31 адам.", "ru": "В 2019 году 31 человек.", "en": "In 2019, 31 people."},
        "questions": {lang: [f"{lang} question {n}" for n in range(5)] for lang in LANGUAGES},
    }


def check(tmp_path: Path, *entries: dict, name: str = "facts.yaml") -> subprocess.CompletedProcess[str]:
    (tmp_path / name).write_text(yaml.safe_dump(list(entries), allow_unicode=True), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "bot", "kb", "check"],
        capture_output=True,
        text=True,
        env={"KNOWLEDGE_DIR": str(tmp_path), "PATH": ""},
        check=False,
    )


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_real_knowledge_base_is_valid_and_summarised() -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "kb", "check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "knowledge base OK" in done.stdout


def test_every_briefing_figure_is_in_the_knowledge_base(kb: KnowledgeBase) -> None:
    for lang in LANGUAGES:
        figures = set().union(*(numbers_in(entry.answer[lang]) for entry in kb.entries))
        assert figures >= BRIEFING_FIGURES, f"{lang} answers miss {BRIEFING_FIGURES - figures}"


def test_briefing_answers_name_2019_and_the_source(kb: KnowledgeBase) -> None:
    for entry in kb.entries:
        if entry.source_file != "briefing_2019.yaml":
            continue
        for lang, text in entry.answer.items():
            assert "2019" in text, f"{entry.id}.{lang} does not say 2019"


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_valid_file_passes(tmp_path: Path) -> None:
    done = check(tmp_path, good_entry())
    assert done.returncode == 0, done.stderr
    assert "1 entries" in done.stdout


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_missing_language_is_named(tmp_path: Path) -> None:
    entry = good_entry()
    del entry["answer"]["kk"]
    done = check(tmp_path, entry)
    assert done.returncode == 1
    assert "facts.yaml: entry #1 (sample-fact): answer lacks language kk" in done.stderr


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_colliding_ids_are_named(tmp_path: Path) -> None:
    done = check(tmp_path, good_entry("twice"), good_entry("twice"))
    assert done.returncode == 1
    assert "entry #2 (twice): id 'twice' is already used in facts.yaml entry #1" in done.stderr


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_empty_field_is_named(tmp_path: Path) -> None:
    entry = good_entry()
    entry["answer"]["ru"] = "   "
    done = check(tmp_path, entry)
    assert "answer.ru is empty" in done.stderr


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_too_few_phrasings_are_named(tmp_path: Path) -> None:
    entry = good_entry()
    entry["questions"]["en"] = ["only one"]
    done = check(tmp_path, entry)
    assert "questions.en has 1 phrasings, at least 5 needed" in done.stderr


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_figures_that_differ_between_languages_are_named(tmp_path: Path) -> None:
    entry = good_entry()
    entry["answer"]["en"] = "In 2019, 13 people."
    done = check(tmp_path, entry)
    assert done.returncode == 1
    assert "figures differ between languages: 31 in answer.kk but not in answer.en" in done.stderr
    assert "13 in answer.en but not in answer.kk" in done.stderr


def test_decimal_comma_equals_point() -> None:
    assert numbers_in("14,5 мың") == numbers_in("14.5 thousand")


@pytest.mark.slow  # runs the hotline command in a subprocess
def test_unknown_placeholder_is_named(tmp_path: Path) -> None:
    entry = good_entry()
    for lang in LANGUAGES:
        entry["answer"][lang] = "Call {emergency_numbr}."
    done = check(tmp_path, entry)
    assert "unknown placeholder(s) emergency_numbr" in done.stderr


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("- id: x\n  tags: [a\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(tmp_path)
    assert caught.value.problems[0].startswith("broken.yaml line")


def test_placeholders_are_filled_from_configuration(kb: KnowledgeBase) -> None:
    values = {"emergency_number": "112", "police_number": "102", "retention_days": "90", "hotline_phone": ""}
    for entry in kb.entries:
        for lang in LANGUAGES:
            assert "{" not in kb.answer(entry.id, lang, values)
    assert "112" in kb.answer("hotline-emergency", "ru", values)


SERVICE_ENTRIES = {
    "hotline-phone-visible",
    "hotline-lost-code",
    "hotline-human",
    "hotline-report-recruitment",
    "hotline-reported-person",
    "hotline-anonymous",
    "hotline-leave-group",
    "hotline-emergency",
}


def test_what_citizens_ask_about_the_service_has_an_entry(kb: KnowledgeBase) -> None:
    assert set(kb.by_id) >= SERVICE_ENTRIES


def test_no_answer_has_a_figure_the_briefing_does_not_give(kb: KnowledgeBase) -> None:
    for entry in kb.entries:
        for lang, text in entry.answer.items():
            assert numbers_in(text) <= BRIEFING_FIGURES, f"{entry.id}.{lang}: {numbers_in(text) - BRIEFING_FIGURES}"


def test_the_hotline_phone_is_offered_only_when_configured(kb: KnowledgeBase) -> None:
    unset = {"emergency_number": "112", "police_number": "102", "retention_days": "90", "hotline_phone": ""}
    given = unset | {"hotline_phone": "+7 7172 00-00-00"}
    for entry_id in ("hotline-human", "hotline-leave-group"):
        for lang in LANGUAGES:
            without = kb.answer(entry_id, lang, unset)
            assert "[[" not in without and "]]" not in without and "{" not in without
            assert "+7 7172 00-00-00" in kb.answer(entry_id, lang, given)
    assert "call the hotline" not in kb.answer("hotline-human", "en", unset)
    assert "You can also call the hotline at +7 7172 00-00-00." in kb.answer("hotline-human", "en", given)


def test_the_privacy_answers_say_what_is_kept_and_for_how_long(kb: KnowledgeBase) -> None:
    values = {"emergency_number": "112", "police_number": "102", "retention_days": "90", "hotline_phone": ""}
    for entry_id in ("hotline-privacy", "hotline-anonymous"):
        text = kb.answer(entry_id, "en", values)
        assert "not anonymous" in text and "encrypted" in text and "90 days" in text, entry_id


def test_an_optional_placeholder_outside_an_optional_part_is_named(tmp_path: Path) -> None:
    entry = good_entry()
    for lang in LANGUAGES:
        entry["answer"][lang] = "Call {hotline_phone}."
    done = check(tmp_path, entry)
    assert done.returncode == 1
    assert "uses hotline_phone outside an optional part" in done.stderr


def test_an_unclosed_optional_part_is_named(tmp_path: Path) -> None:
    entry = good_entry()
    for lang in LANGUAGES:
        entry["answer"][lang] = "Ask us.[[ Or call {hotline_phone}."
    done = check(tmp_path, entry)
    assert "optional part [[ … ]] that is not closed" in done.stderr


def test_a_hotline_phone_that_is_not_a_number_is_one_clear_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "kb", "check"],
        capture_output=True,
        text=True,
        env={"HOTLINE_PHONE": "call us", "PATH": ""},
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "HOTLINE_PHONE" in done.stderr


def test_the_web_intake_is_offered_only_when_its_address_is_configured(kb: KnowledgeBase) -> None:
    unset = {"emergency_number": "112", "police_number": "102", "retention_days": "90", "web_intake_url": ""}
    given = unset | {"web_intake_url": "https://report.example.kz/"}
    for lang in LANGUAGES:
        assert "https://report.example.kz/" in kb.answer("hotline-anonymous", lang, given)
        without = kb.answer("hotline-anonymous", lang, unset)
        assert "[[" not in without and "{" not in without and "Tor" not in without


def test_the_web_intake_is_offered_where_citizens_ask_how_to_report(kb: KnowledgeBase) -> None:
    unset = {"emergency_number": "112", "police_number": "102", "retention_days": "90", "web_intake_url": ""}
    given = unset | {"web_intake_url": "https://report.example.kz/"}
    for lang in LANGUAGES:
        assert "https://report.example.kz/" in kb.answer("hotline-how-to-report", lang, given)
        assert "[[" not in kb.answer("hotline-how-to-report", lang, unset)


def test_answers_point_to_the_check_button_not_to_typing_the_code_after_status(kb: KnowledgeBase) -> None:
    """The receipt's 🔎 button asks for the code and deletes it; "/status CODE" typed in a chat others see would not."""
    button = {lang: Translator().text(lang, "menu-status") for lang in LANGUAGES}
    for entry in kb.entries:
        for lang, text in entry.answer.items():
            if "/status" in text:
                assert button[lang] in text, f"{entry.id}.{lang} mentions /status without the {button[lang]} button"


def test_talking_to_a_person_names_the_command_that_does_it(kb: KnowledgeBase) -> None:
    for lang in LANGUAGES:
        assert "/person" in kb.answer("hotline-human", lang, {"emergency_number": "112", "hotline_phone": ""})


def test_categories_named_in_answers_are_the_ones_the_bot_shows(kb: KnowledgeBase) -> None:
    translator = Translator()
    categories = ("terror_plot", "recruitment", "online_content", "weapons", "other")
    shown = {lang: [translator.text(lang, f"category-{c}") for c in categories] for lang in LANGUAGES}
    quoted = re.compile(r"[«“]([^»”]+)[»”] (?:санат|категори)|(?:категорию|choose) [«“]([^»”]+)[»”]")
    for entry_id in ("hotline-report-recruitment", "hotline-leave-group"):
        for lang in LANGUAGES:
            names = [a or b for a, b in quoted.findall(kb.by_id[entry_id].answer[lang])]
            assert names, (entry_id, lang)
            for name in names:
                assert any(label.endswith(name) for label in shown[lang]), (entry_id, lang, name)


def test_every_message_of_a_catalog_is_defined_once() -> None:
    """Fluent silently keeps the first of two definitions: a merge that left the old category labels below the new
    ones made the Kazakh button say "Жалдау" (hiring) while the knowledge base named the new label."""
    for lang in LANGUAGES:
        resource = FluentParser().parse((LOCALES / f"{lang}.ftl").read_text(encoding="utf-8"))
        ids = [entry.id.name for entry in resource.body if isinstance(entry, ast.Message)]
        assert [i for i in ids if ids.count(i) > 1] == [], lang
