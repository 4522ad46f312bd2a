"""The Integrations page: the workspace switcher, the Instagram card and the Instagram app form.

The page scrolls, so nothing is cut off on small screens or at 200% scale. It loads the workspaces
when the services arrive, keeps the card on the chosen workspace and runs workspace and app-settings
changes off the GUI thread. The app form's fields and the Facebook app card, below the first frame
at the window's default size, are built once the app card knows whether they are in view (see
:class:`InstagramAppCard`).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from desktop.core.clock import Clock, SystemClock
from desktop.core.environment import Environment
from desktop.core.settings import Paths, load_settings, save_settings
from desktop.ui.integrations.app_settings import InstagramAppCard
from desktop.ui.integrations.browser import BrowserOpener
from desktop.ui.integrations.instagram_card import InstagramCard, as_socialdesk_error
from desktop.ui.integrations.pictures import PictureCache
from desktop.ui.integrations.trust_card import TrustCard
from desktop.ui.integrations.workspace_bar import WorkspaceBar
from desktop.ui.scroll_follow import FocusFollower
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import page_layout

#: Failures that are about the name typed, shown in the dialog that asked for it.
NAME_CODES = frozenset({"workspace_exists", "workspace_name_invalid"})

if TYPE_CHECKING:
    from desktop.core.services import Services
    from desktop.core.views import WorkspaceView
    from desktop.ui.integrations.facebook_app_settings import FacebookAppCard

log = logging.getLogger(__name__)


def remember_workspace(paths: Paths, name: str) -> None:
    """Keep the chosen workspace for next time; re-read first so no other setting is overwritten."""
    settings = load_settings(paths)
    if settings.active_workspace != name:
        settings.active_workspace = name
        save_settings(paths, settings)


def _load_workspaces(services: Services, preferred_name: str) -> tuple[list[WorkspaceView], int]:
    """The workspaces and the one to show: the last one used if it still exists, else the default."""
    workspaces = services.workspaces.list()
    chosen = next((w for w in workspaces if preferred_name and w.name == preferred_name), None)
    if chosen is None:
        chosen = services.workspaces.default()
        if all(w.id != chosen.id for w in workspaces):
            workspaces = services.workspaces.list()
    return workspaces, chosen.id


class IntegrationsPage(QScrollArea):
    #: Restart Socialdesk to use a newly saved Instagram app.
    restart_requested = Signal()

    def __init__(
        self,
        env: Environment,
        tasks: TaskRunner,
        clock: Clock | None,
        opener: BrowserOpener,
        parent: QWidget | None = None,
    ) -> None:
        """``clock`` overrides the services' clock (None: use theirs once they arrive)."""
        super().__init__(parent)
        self.setObjectName("integrations_page")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The page scrolls with the wheel and follows the focus; it is not a stop on the Tab chain.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._env, self._tasks = env, tasks
        self._services: Services | None = None
        self._preferred_workspace = env.settings.active_workspace
        self._select_after_load: int | None = None
        self._clock_override = clock
        self._https = False
        self._follower = FocusFollower(self)

        body = QWidget()
        body.setObjectName("integrations_body")
        # Placed first and filled in place: moving a built page restyles all of it.
        self.setWidget(body)
        layout = page_layout(
            body,
            self.tr("Integrations"),
            self.tr("Connect Instagram Business and Creator accounts to the workspace you manage."),
        )
        self.workspace_bar = WorkspaceBar(body)
        self.workspace_bar.switched.connect(self._on_workspace_bar_switched)
        self.workspace_bar.create_requested.connect(self._on_workspace_bar_create_requested)
        self.workspace_bar.rename_requested.connect(self._on_workspace_bar_rename_requested)
        layout.addWidget(self.workspace_bar)
        self.pictures = PictureCache(tasks, env.paths.cache_dir / "pictures", self)
        self.instagram_card = InstagramCard(tasks, clock or SystemClock(), opener, self.pictures, body)
        self.instagram_card.rows_changed.connect(self._on_instagram_card_rows_changed)
        self.instagram_card.attention_needed.connect(self._on_instagram_card_attention_needed)
        self.instagram_card.parts.built.connect(self._on_instagram_card_rows_changed)
        layout.addWidget(self.instagram_card)
        self.trust_card = TrustCard(tasks, parent=body)
        self.trust_card.trust_changed.connect(self._on_trust_card_trust_changed)
        layout.addWidget(self.trust_card)
        self.app_card = InstagramAppCard(env.settings, sandbox=env.sandbox_mode, tasks=tasks, parent=body)
        self.app_card.save_requested.connect(self._on_app_card_save_requested)
        self.app_card.restart_requested.connect(self.restart_requested)
        self.app_card.form_built.connect(self._on_app_card_form_built)
        layout.addWidget(self.app_card)
        self._body_layout = layout
        self._facebook_app_card: FacebookAppCard | None = None
        layout.addStretch(1)
        self._update_tab_order()

    @property
    def facebook_app_card(self) -> FacebookAppCard:
        """Under the app form, and built with it."""
        self.app_card.build_form()
        assert self._facebook_app_card is not None
        return self._facebook_app_card

    @Slot()
    def _on_app_card_form_built(self) -> None:
        from desktop.ui.integrations.facebook_app_settings import FacebookAppCard

        card = FacebookAppCard(self._env.settings, parent=self.widget())
        card.save_requested.connect(self._on_facebook_app_save_requested)
        self._body_layout.insertWidget(self._body_layout.count() - 1, card)  # above the stretch
        card.show()
        self._facebook_app_card = card
        self._update_tab_order()

    # --- services -----------------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        self._services = services
        self.instagram_card.set_clock(self._clock_override or services.clock)
        self.instagram_card.attach(services.connections)
        if services.facebook_parts is not None:
            self.instagram_card.attach_facebook(services.facebook)
        self._https = services.connections.redirect_uri.lower().startswith("https://")
        self.trust_card.attach(services.local_ca)
        self.reload_workspaces()

    def reload_workspaces(self, select: int | None = None) -> None:
        if self._services is None:
            return
        self._select_after_load = select
        self._tasks.submit(
            _load_workspaces,
            self._services,
            self._preferred_workspace,
            serial=True,
            on_success=self._on_workspaces_loaded,
            on_failure=self._on_workspaces_failed,
        )

    def shutdown(self) -> None:
        self.instagram_card.shutdown()

    @Slot(object)
    def _on_workspaces_loaded(self, loaded: object) -> None:
        workspaces: list[WorkspaceView]
        default_id: int
        workspaces, default_id = loaded  # type: ignore[misc]
        current = self.workspace_bar.current()
        wanted = self._select_after_load or (current.id if current is not None else default_id)
        if all(w.id != wanted for w in workspaces):
            wanted = default_id
        self._select_after_load = None
        team_name = self._services.storage.team_name if self._services is not None else None
        self.workspace_bar.set_workspaces(workspaces, wanted, team_name)
        chosen = self.workspace_bar.current()
        if chosen is not None:
            self._show_workspace(chosen)

    @Slot(object)
    def _on_workspaces_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self.instagram_card.show_error(exc, self.reload_workspaces, retry_text=self.tr("Load again"))

    def _show_workspace(self, workspace: WorkspaceView) -> None:
        if workspace.name != self._preferred_workspace:
            self._preferred_workspace = workspace.name
            self._tasks.submit(remember_workspace, self._env.paths, workspace.name, serial=True)
        self.instagram_card.set_workspace(workspace)

    # --- workspaces ---------------------------------------------------------------------------

    @Slot(object)
    def _on_workspace_bar_switched(self, workspace: WorkspaceView) -> None:
        self.instagram_card.clear_error()
        self._show_workspace(workspace)

    @Slot(str)
    def _on_workspace_bar_create_requested(self, name: str) -> None:
        if self._services is None:
            return
        self._tasks.submit(
            self._services.workspaces.create,
            name,
            serial=True,
            on_success=self._on_workspace_saved,
            on_failure=self._on_workspace_create_failed,
        )

    @Slot(int, str)
    def _on_workspace_bar_rename_requested(self, workspace_id: int, name: str) -> None:
        if self._services is None:
            return
        self._tasks.submit(
            self._services.workspaces.rename,
            workspace_id,
            name,
            serial=True,
            on_success=self._on_workspace_saved,
            on_failure=self._on_workspace_rename_failed,
        )

    @Slot(object)
    def _on_workspace_saved(self, workspace: WorkspaceView) -> None:
        self.workspace_bar.name_saved()
        self.reload_workspaces(select=workspace.id)

    @Slot(object)
    def _on_workspace_create_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self._workspace_name_failed(exc, self.workspace_bar.new_button.click)

    @Slot(object)
    def _on_workspace_rename_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self._workspace_name_failed(exc, self.workspace_bar.rename_button.click)

    def _workspace_name_failed(self, exc: BaseException, again: Callable[[], None]) -> None:
        """A name problem shows in the dialog that asked; anything else (the store) in the panel."""
        error = as_socialdesk_error(exc)
        if error.code in NAME_CODES and self.workspace_bar.name_failed(error):
            return
        self.workspace_bar.name_saved()
        self.instagram_card.show_error(error, again, retry_text=self.tr("Try again"))

    # --- Instagram app ------------------------------------------------------------------------

    @Slot(str, str, object)
    def _on_app_card_save_requested(self, app_id: str, redirect_uri: str, secret: object) -> None:
        from desktop.core.secrets import SecretStr

        if self._services is None or not isinstance(secret, SecretStr):
            self.app_card.failed()
            return
        self._tasks.submit(
            self._services.save_instagram_app,
            app_id,
            redirect_uri,
            secret,
            serial=True,
            on_success=self._on_app_saved,
            on_failure=self._on_app_save_failed,
        )

    @Slot(object)
    def _on_app_saved(self, _result: object) -> None:
        self.app_card.saved()

    @Slot(object)
    def _on_app_save_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        # The problem shows at the field (or the form) that caused it, never in the card above.
        self._follower.follow(self.app_card.failed(as_socialdesk_error(exc)))

    @Slot(QWidget)
    def _on_instagram_card_attention_needed(self, widget: QWidget) -> None:
        # After the layout has placed it: its top (message, code, Retry) into view.
        QTimer.singleShot(0, lambda: self._scroll_to_top_of(widget))

    def _scroll_to_top_of(self, widget: QWidget) -> None:
        body = self.widget()
        if body is None or not widget.isVisible():
            return
        top = widget.mapTo(body, widget.rect().topLeft()).y()
        bar = self.verticalScrollBar()
        visible_top, visible_bottom = bar.value(), bar.value() + self.viewport().height()
        if top < visible_top or top + min(widget.height(), self.viewport().height()) > visible_bottom:
            bar.setValue(max(0, top - 12))

    @Slot(str, object)
    def _on_facebook_app_save_requested(self, app_id: str, secret: object) -> None:
        from desktop.core.secrets import SecretStr

        card = self.facebook_app_card
        if self._services is None or not isinstance(secret, SecretStr):
            card.failed()
            return
        self._tasks.submit(
            self._services.save_facebook_app,
            app_id,
            secret,
            serial=True,
            on_success=self._on_facebook_app_saved,
            on_failure=self._on_facebook_app_save_failed,
        )

    @Slot(object)
    def _on_facebook_app_saved(self, _result: object) -> None:
        self.facebook_app_card.saved()

    @Slot(object)
    def _on_facebook_app_save_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self.facebook_app_card.failed(as_socialdesk_error(exc))
        self._follower.follow(self.facebook_app_card)

    # --- trust --------------------------------------------------------------------------------

    @Slot(bool)
    def _on_trust_card_trust_changed(self, trusted: bool) -> None:
        self.instagram_card.set_certificate_warning_expected(self._https and not trusted)

    def show_app_form(self) -> None:
        """Scroll to the Instagram app form and put focus in its first field (the sandbox banner's way out)."""
        self.app_card.build_form()
        field = self.app_card.app_id_field
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        self._follower.follow(field)

    # --- keyboard -----------------------------------------------------------------------------

    @Slot()
    def _on_instagram_card_rows_changed(self) -> None:
        self._update_tab_order()

    def _update_tab_order(self) -> None:
        """Workspace bar, the card top to bottom (rows included), then the app form."""
        bar = self.workspace_bar
        app = self.app_card
        chain: list[QWidget] = [bar.combo, bar.new_button, bar.rename_button]
        chain += self.instagram_card.focus_chain()
        chain += [self.trust_card.trust_button, self.trust_card.untrust_button]
        if app.is_built:
            chain += [
                app.app_id_field,
                app.redirect_uri_field,
                app.copy_redirect_button,
                app.app_secret_field,
                app.save_button,
                app.restart_button,
            ]
        facebook = self._facebook_app_card
        if facebook is not None:
            chain += [facebook.app_id_field, facebook.app_secret_field, facebook.save_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
