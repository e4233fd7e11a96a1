"""The facilitator's questions panel: each step's questions, in labels made once."""

from __future__ import annotations

from ui.widgets.prompts import PromptsPanel, prompts


def test_each_step_shows_its_own_questions_and_none_of_the_last(qtbot):
    panel = PromptsPanel()
    qtbot.addWidget(panel)
    panel.show()
    many = max(prompts(), key=lambda step: len(prompts()[step]))
    few = min(prompts(), key=lambda step: len(prompts()[step]))
    panel.show_step(many)
    panel.show_step(few)
    assert panel.questions() == [f"•  {q}" for q in prompts()[few]]
    assert [label.isVisible() for label in panel.labels].count(True) == len(prompts()[few])
    panel.show_step("no-such-step")
    assert panel.questions() == []


def test_switching_steps_makes_no_new_labels(qtbot):
    panel = PromptsPanel()
    qtbot.addWidget(panel)
    for step in prompts():
        panel.show_step(step)
    made = list(panel.labels)
    for step in reversed(list(prompts())):
        panel.show_step(step)
        assert panel.questions() == [f"•  {q}" for q in prompts()[step]]
    assert panel.labels == made  # the same widgets: nothing polished anew on a switch
