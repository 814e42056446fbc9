"""Matching tasks and members by their tags: case-folded, whole tags count more."""

from __future__ import annotations

import pytest

from medlemsvard_app.domain.errors import DomainError
from medlemsvard_app.domain.tasks import Task, match, rank, words


def test_words_fold_case_and_drop_common_ones():
    assert words(["Sociala medier", "Foto och film"]) == {"sociala", "medier", "foto", "film"}
    assert words(["ÖVERSÄTTNING"]) == {"översättning"}


def test_a_whole_tag_counts_more_than_a_shared_word():
    assert match(["Skriva"], ["skriva", "Foto"]) == (3, ("skriva",))
    assert match(["Sociala medier"], ["Medier och press"]) == (1, ("medier",))
    assert match(["Bakning"], ["Ekonomi"]) == (0, ())


def test_rank_best_first_and_leaves_out_those_already_asked():
    wanted = ["Bokbord", "Kampanj", "Dörrknackning"]
    candidates = [(1, ["Kampanj"]), (2, ["Bokbord", "Kampanj"]), (3, ["Musik"]),
                  (4, ["Dörrknackning", "Bokbord", "Kampanj"]), (5, ["Kampanjer"])]
    ranked = rank(wanted, candidates)
    assert [m.id for m in ranked] == [4, 2, 1]
    assert ranked[0].score == 9
    assert [m.id for m in rank(wanted, candidates, exclude=[4])] == [2, 1]
    assert [m.id for m in rank(wanted, candidates, limit=1)] == [4]


def test_a_task_needs_a_title_and_cleans_its_tags():
    task = Task("  Medlemsbladet ", tags=["Skriva", " skriva", "Foto", ""]).check()
    assert task.title == "Medlemsbladet"
    assert task.tags == ["Foto", "Skriva"]
    with pytest.raises(DomainError):
        Task("  ").check()
