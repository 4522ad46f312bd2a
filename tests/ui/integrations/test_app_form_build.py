"""The app form's fields are built before the first frame that would show them, and only then.

At the window's default size they are below that frame, so they are built just after it, the
Facebook app card with them, and join the Tab chain; a window tall enough to show them has them
in its first frame.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.core.environment import Environment
from desktop.ui.app import create_application
from desktop.ui.integrations import app_settings
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner


class _AtFirstPaint(QObject):
    """Notes, at the window's first paint, what the frame being painted has of the app form."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.seen: dict[str, object] | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint and self.seen is None:
            page = self.window.integrations_page
            card = page.app_card
            built = card.is_built
            self.seen = {
                "built": built,
                "field_on_screen": built and not card.app_id_field.visibleRegion().isEmpty(),
                # Laid out in its place, under the steps, in the frame being painted.
                "field_in_place": built
                and card.app_id_field.mapTo(card, QPoint(0, 0)).y() > card.steps_label.geometry().bottom(),
                "steps_on_screen": not card.steps_label.visibleRegion().isEmpty(),
            }
        return False


@pytest.fixture
def shown(qtbot: QtBot, env: Environment) -> Iterator[tuple[MainWindow, _AtFirstPaint]]:
    create_application(env)
    tasks = TaskRunner()
    window = MainWindow(env, tasks)
    qtbot.addWidget(window)
    yield window, _AtFirstPaint(window)
    tasks.wait_for_done()


def _first_frame(*, with_form: bool) -> dict[str, object]:
    """What the first frame has: the steps always, the fields laid out in place, or nothing of them."""
    return {
        "built": with_form,
        "field_on_screen": with_form,
        "field_in_place": with_form,
        "steps_on_screen": True,
    }


def _show(qtbot: QtBot, window: MainWindow, watch: _AtFirstPaint, width: int, height: int) -> None:
    window.resize(width, height)
    window.show()
    qtbot.waitUntil(lambda: watch.seen is not None, timeout=5_000)


def test_at_the_default_size_the_form_is_built_just_after_the_first_frame(
    qtbot: QtBot, shown: tuple[MainWindow, _AtFirstPaint]
) -> None:
    window, watch = shown
    _show(qtbot, window, watch, 1000, 720)
    assert watch.seen == _first_frame(with_form=False)
    page = window.integrations_page
    qtbot.waitUntil(lambda: page.app_card.is_built, timeout=5_000)
    card, facebook = page.app_card, page.facebook_app_card
    assert card.app_id_field.isVisibleTo(window) and facebook.isVisibleTo(window)
    # Below the trust card in the Tab chain, then the Facebook app's fields.
    assert page.trust_card.untrust_button.nextInFocusChain() is card.app_id_field
    assert card.restart_button.nextInFocusChain() is facebook.app_id_field
    # Under the form, not above it: the Facebook card follows the Instagram app card.
    assert facebook.geometry().top() > card.geometry().bottom()


@pytest.mark.parametrize("size", [(1000, 1400), (1800, 900)], ids=["tall", "wide"])
def test_a_window_that_shows_the_form_has_it_in_its_first_frame(
    qtbot: QtBot, shown: tuple[MainWindow, _AtFirstPaint], size: tuple[int, int]
) -> None:
    window, watch = shown
    _show(qtbot, window, watch, *size)
    assert watch.seen == _first_frame(with_form=True)
    page = window.integrations_page
    assert page.facebook_app_card.isVisibleTo(window)


@pytest.mark.parametrize("size", [(1000, 720), (1000, 1400)], ids=["default", "tall"])
def test_the_offline_checks_run_once_and_after_the_first_frame(
    qtbot: QtBot,
    shown: tuple[MainWindow, _AtFirstPaint],
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, watch = shown
    runs: list[bool] = []  # for each run: had the window painted when it started?
    real = app_settings._checks_for

    def counted(app_id: str, uri: str) -> object:
        runs.append(watch.seen is not None)
        return real(app_id, uri)

    monkeypatch.setattr(app_settings, "_checks_for", counted)
    _show(qtbot, window, watch, *size)
    card = window.integrations_page.app_card
    qtbot.waitUntil(lambda: bool(card.checks), timeout=10_000)
    assert window.tasks.wait_for_done(10_000)
    assert runs == [True]


def test_using_the_form_before_it_is_on_screen_builds_it(qtbot: QtBot, env: Environment) -> None:
    create_application(env)
    tasks = TaskRunner()
    window = MainWindow(env, tasks)
    qtbot.addWidget(window)
    card = window.integrations_page.app_card
    assert not card.is_built
    window.integrations_page.show_app_form()
    assert card.is_built
    assert isinstance(card.app_id_field, QWidget)
    assert window.integrations_page.facebook_app_card.parentWidget() is window.integrations_page.widget()
    tasks.wait_for_done()
