"""The forms editors write (knowledge/forms/): the questions per report category and the saved replies, validated by
``hotline kb check`` with every problem named; and the draft's step rule that walks a report through them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from bot.cases import drafts
from bot.cases.forms import load_questionnaires

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


def kb_check(knowledge: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "kb", "check"],
        capture_output=True,
        text=True,
        env={"KNOWLEDGE_DIR": str(knowledge), "PATH": ""},
        check=False,
    )


def copy_of_knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def test_the_real_forms_are_valid_and_summarised() -> None:
    done = kb_check(KNOWLEDGE)
    assert done.returncode == 0, done.stderr
    assert "forms: 11 report questions in 5 categories, 6 saved replies, each in kk, ru, en" in done.stdout


def test_every_problem_in_the_forms_is_named_at_once(tmp_path: Path) -> None:
    knowledge = copy_of_knowledge(tmp_path)
    path = knowledge / "forms" / "questionnaires.yaml"
    forms = yaml.safe_load(path.read_text(encoding="utf-8"))
    del forms["other"]
    del forms["weapons"][0]["ask"]["kk"]
    forms["weapons"][1]["kind"] = "dropdown"
    forms["online_content"][1]["choices"].append({"id": "telegram", "kk": "x", "ru": "x", "en": "x"})
    forms["recruitment"][0]["ask"]["en"] = "Where? Call {hotline_number}."
    path.write_text(yaml.safe_dump(forms, allow_unicode=True), encoding="utf-8")
    templates = knowledge / "forms" / "reply_templates.yaml"
    replies = yaml.safe_load(templates.read_text(encoding="utf-8"))
    replies[0]["text"]["ru"] = ""
    templates.write_text(yaml.safe_dump(replies, allow_unicode=True), encoding="utf-8")

    done = kb_check(knowledge)
    assert done.returncode == 1
    problems = done.stderr.splitlines()
    expected = [
        "forms/questionnaires.yaml: category other has no questions (give [] for none)",
        "forms/questionnaires.yaml: weapons #1 (place): `ask` has no kk text",
        "forms/questionnaires.yaml: weapons #2 (still_there): `kind` must be one of text, place, time, choice",
        "forms/questionnaires.yaml: online_content #2 (platform): choice ids repeat",
        "forms/questionnaires.yaml: recruitment #1 (contact): `ask` en: unknown placeholder {hotline_number}",
        "forms/reply_templates.yaml: #1 (received): `text` has no ru text",
    ]
    for problem in expected:
        assert f"knowledge base: {problem}" in problems, (problem, problems)
    assert problems[-1] == (
        f"hotline: the knowledge base has {len(problems) - 1} problem(s); fix them and run 'hotline kb check' again"
    )


def test_a_draft_walks_category_description_evidence_questions_review_and_edits_lead_back() -> None:
    questionnaires = load_questionnaires(KNOWLEDGE)
    draft = drafts.new_draft()
    assert drafts.next_step(draft, questionnaires) is drafts.Step.category
    drafts.choose_category(draft, "weapons")
    assert drafts.next_step(draft, questionnaires) is drafts.Step.description
    draft["description"] = "A bag left under a bench at the bus stop."
    assert drafts.next_step(draft, questionnaires) is drafts.Step.evidence
    draft["evidence_done"] = True
    assert drafts.next_step(draft, questionnaires) is drafts.Step.question
    place = drafts.current_question(draft, questionnaires)
    assert place is not None and place.id == "place"
    drafts.answer_question(draft, place, drafts.Answer(latitude=43.2, longitude=76.9))
    still_there = drafts.current_question(draft, questionnaires)
    assert still_there is not None and still_there.id == "still_there"
    drafts.answer_question(draft, still_there, drafts.Answer(choice="yes"))
    assert drafts.next_step(draft, questionnaires) is drafts.Step.review
    report = drafts.to_report(draft, language="en")
    assert (report.latitude, report.longitude, report.answers) == (43.2, 76.9, {"still_there": "choice:yes"})

    # Another category from the review: its questions afresh, the old answers gone; then the review again.
    draft.pop("category")
    assert drafts.next_step(draft, questionnaires) is drafts.Step.category
    drafts.choose_category(draft, "other")
    assert (draft["answers"], draft.get("latitude")) == ({}, None)
    assert drafts.next_step(draft, questionnaires) is drafts.Step.question
    drafts.skip_question(draft)
    drafts.skip_question(draft)
    assert drafts.next_step(draft, questionnaires) is drafts.Step.review

    # More words from "Add more" join the description, within its limit.
    assert drafts.add_text(draft, "It had wires.")
    assert draft["description"].endswith("bus stop.\n\nIt had wires.")
    assert not drafts.add_text(draft, "x" * 4000)
