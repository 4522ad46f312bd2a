<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutPage</name>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="22"/>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="22"/>
        <source>Socialdesk for social media managers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="26"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="28"/>
        <source>Sandbox (a local Instagram on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="30"/>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="33"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="34"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="35"/>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="36"/>
        <source>Log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="37"/>
        <source>Settings folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="38"/>
        <source>Keychain backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="56"/>
        <source>None available ({kind})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BannerArea</name>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="78"/>
        <source>Sandbox mode</source>
        <translation>Sandbox-Modus</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="80"/>
        <source>Socialdesk is talking to a local Instagram on this computer, so you can try every step safely. Nothing reaches the real Instagram until you set up your Instagram app under Integrations → Instagram app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="89"/>
        <source>Connections last only until you quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="91"/>
        <source>No secure keychain is available, so Socialdesk keeps its encryption key in memory and saves nothing to disk; it never falls back to storing tokens in plain text. Install and start GNOME Keyring or KWallet (or sign in to a desktop session), then restart Socialdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="97"/>
        <location filename="../../desktop/ui/integrations/banners.py" line="147"/>
        <source>Unlock and retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="106"/>
        <source>Socialdesk needs the key in your system keychain to read and save connections. {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="111"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="111"/>
        <source>Retry reading the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="147"/>
        <source>Unlocking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectProgressCard</name>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="39"/>
        <source>Connecting Instagram</source>
        <extracomment>A connect link lives ten minutes; the countdown never shows more, whatever the clocks say.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="51"/>
        <source>Browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="59"/>
        <source>Finish in your browser</source>
        <translation>Im Browser abschließen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="68"/>
        <source>Time left to finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="70"/>
        <source>left</source>
        <translation>übrig</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="78"/>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="79"/>
        <source>Copy the sign-in link to open it in another browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="81"/>
        <source>Open browser again</source>
        <translation>Browser erneut öffnen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="84"/>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="185"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="84"/>
        <source>Cancel connecting</source>
        <translation>Verbinden abbrechen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="88"/>
        <source>Link copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="101"/>
        <source>Browser can&apos;t reach Socialdesk? Paste the whole address from its address bar after clicking Allow:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="113"/>
        <source>Paste the address here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="114"/>
        <source>Address from the browser after Allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="118"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="118"/>
        <source>Use pasted address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="156"/>
        <source>Instagram&apos;s sign-in page is open in your browser. Sign in as @{username}, leave every permission ticked and click Allow; Socialdesk picks up the answer by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="160"/>
        <source>Instagram&apos;s sign-in page is open in your browser. Choose the account, leave every permission ticked and click Allow; Socialdesk picks up the answer by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="172"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionRow</name>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="77"/>
        <source>Instagram account @{username}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="87"/>
        <source>Profile picture of @{username}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="101"/>
        <source>Business</source>
        <translation>Business</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="101"/>
        <source>Creator</source>
        <translation>Creator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="106"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="111"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="113"/>
        <source>Permissions: {permissions}</source>
        <translation>Berechtigungen: {permissions}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="118"/>
        <source>Connected on {date}</source>
        <translation>Verbunden am {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="134"/>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="137"/>
        <source>Reconnect @{username}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="143"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="146"/>
        <source>Disconnect @{username}</source>
        <translation>@{username} trennen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="190"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="191"/>
        <source>Needs reconnect</source>
        <translation>Neu verbinden nötig</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="192"/>
        <source>Missing permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="193"/>
        <source>Revocation pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="208"/>
        <source>Token expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="211"/>
        <source>Token expires today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="213"/>
        <source>Token expires in 1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="214"/>
        <source>Token expires in {days} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="220"/>
        <source>Instagram no longer accepts this connection. Reconnect to sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="223"/>
        <source>A permission is missing. Reconnect and leave all boxes checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="226"/>
        <source>Removed from this workspace. Instagram could not be reached to revoke access; Socialdesk keeps trying. You can also remove Socialdesk at {url}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="237"/>
        <source>The token vault was reset, so this account&apos;s token is gone. Reconnect to sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisconnectDialog</name>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="22"/>
        <source>Disconnect @{username}?</source>
        <translation>@{username} trennen?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="27"/>
        <source>This removes @{username} from this workspace and revokes Socialdesk&apos;s access at Instagram; other accounts are not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="32"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="35"/>
        <source>Disconnect @{username}</source>
        <translation>@{username} trennen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="38"/>
        <source>Keep connected</source>
        <translation>Verbunden lassen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="40"/>
        <source>Keep @{username} connected</source>
        <translation>@{username} verbunden lassen</translation>
    </message>
</context>
<context>
    <name>ErrorPanel</name>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="40"/>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="50"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="59"/>
        <source>Error code</source>
        <translation>Fehlercode</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="75"/>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="119"/>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="120"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="77"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="87"/>
        <source>Troubleshooting</source>
        <translation>Fehlerbehebung</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="89"/>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="158"/>
        <source>Show all codes</source>
        <translation>Alle Codes zeigen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="113"/>
        <source>Quote this code when you ask for help</source>
        <translation>Nennen Sie diesen Code, wenn Sie Hilfe anfragen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="114"/>
        <source>What it means: {meaning}</source>
        <translation>Bedeutung: {meaning}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="115"/>
        <source>What to do: {action}</source>
        <translation>Was tun: {action}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="142"/>
        <source>Not granted: {permissions}.</source>
        <translation>Nicht erteilt: {permissions}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="145"/>
        <source>Socialdesk never heard back from Instagram. If your browser showed one of Meta&apos;s own error screens, such as “Invalid Scopes”, “URL Blocked” or “Invalid platform app”, Meta stopped the sign-in before it could return here: check the App ID and redirect URI under Instagram app against your app in the Meta dashboard. Otherwise the ten minutes simply ran out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="152"/>
        <source>Details: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="158"/>
        <source>Show only this code</source>
        <translation>Nur diesen Code zeigen</translation>
    </message>
</context>
<context>
    <name>FieldError</name>
    <message>
        <location filename="../../desktop/ui/integrations/field_error.py" line="21"/>
        <source>{problem} {action} ({code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/field_error.py" line="38"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="18"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="20"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="23"/>
        <source>Sandbox mode: Socialdesk talks to a local Instagram on this computer, so you can try every step without a Meta app. Set up your Instagram app under Integrations to connect real accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="27"/>
        <source>Connected to Instagram with your own Instagram app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="32"/>
        <source>Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="34"/>
        <location filename="../../desktop/ui/pages/general.py" line="36"/>
        <source>Open data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="35"/>
        <location filename="../../desktop/ui/pages/general.py" line="37"/>
        <source>Open log folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstagramAppCard</name>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="27"/>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="31"/>
        <source>Instagram app</source>
        <translation>Instagram-App</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="34"/>
        <source>To connect real accounts, create an app with Instagram Login in the Meta dashboard and enter its details here. Until then Socialdesk stays in sandbox mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="39"/>
        <source>Socialdesk signs in with your own Instagram app. The App Secret is kept in your system keychain, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="48"/>
        <source>Instagram App ID, digits only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="49"/>
        <source>Instagram App ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="51"/>
        <source>Redirect URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="54"/>
        <source>Must match a redirect URI registered for the app at Meta exactly, including the trailing /</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="59"/>
        <source>Instagram App Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="61"/>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="98"/>
        <source>Stored in your keychain; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="63"/>
        <source>From the Meta dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="68"/>
        <source>App ID:</source>
        <translation>App-ID:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="70"/>
        <source>Redirect URI:</source>
        <translation>Weiterleitungs-URI:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="72"/>
        <source>App Secret:</source>
        <translation>App-Geheimnis:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="79"/>
        <source>Save Instagram app</source>
        <translation>Instagram-App speichern</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="93"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="99"/>
        <source>Saved. Restart Socialdesk to connect accounts with this app.</source>
        <translation>Gespeichert. Starten Sie Socialdesk neu, um Konten mit dieser App zu verbinden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="109"/>
        <source>Not saved.</source>
        <translation>Nicht gespeichert.</translation>
    </message>
</context>
<context>
    <name>InstagramCard</name>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="118"/>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="148"/>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="153"/>
        <source>Instagram</source>
        <extracomment>An error or the connect card appeared: the page scrolls it into view.
----------
How long a newly connected or reconnected row stays highlighted. The account whose row takes the focus once the list has reloaded (after a connect).</extracomment>
        <translation type="unfinished">Instagram</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="155"/>
        <source>Business and Creator accounts: publish posts and read insights.</source>
        <translation>Business- und Creator-Konten: Beiträge veröffentlichen und Statistiken lesen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="161"/>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="518"/>
        <source>Connect Instagram</source>
        <translation>Instagram verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="182"/>
        <source>No Instagram account connected yet</source>
        <translation>Noch kein Instagram-Konto verbunden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="186"/>
        <source>Loading connections…</source>
        <translation>Verbindungen werden geladen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="353"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="406"/>
        <source>Socialdesk could not open your browser. Click Copy link and open it in a browser yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="447"/>
        <source>Paste again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="475"/>
        <source>Connected @{username} to {workspace}.</source>
        <translation>@{username} ist mit {workspace} verbunden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="479"/>
        <source>Connected @{username}.</source>
        <translation>@{username} ist verbunden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="482"/>
        <source>Reconnected @{username}.</source>
        <translation>@{username} ist neu verbunden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="493"/>
        <source>Connecting was cancelled. Nothing was changed.</source>
        <translation>Das Verbinden wurde abgebrochen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="502"/>
        <source>You cancelled on Instagram&apos;s page (access_denied). Nothing was changed; click Connect Instagram when you are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="515"/>
        <source>Reconnect again</source>
        <translation>Erneut neu verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="515"/>
        <source>Connect again</source>
        <translation>Erneut verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="578"/>
        <source>Disconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="602"/>
        <source>Disconnected @{username}: removed from this workspace and Socialdesk&apos;s access at Instagram revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="606"/>
        <source>Removed @{username} from this workspace. Instagram could not be reached to revoke access; Socialdesk will keep trying. You can also remove Socialdesk at instagram.com/accounts/manage_access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="617"/>
        <source>Disconnect again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="640"/>
        <source>Load again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntegrationsPage</name>
    <message>
        <location filename="../../desktop/ui/integrations/page.py" line="85"/>
        <source>Integrations</source>
        <extracomment>Failures that are about the name typed, shown in the dialog that asked for it.</extracomment>
        <translation type="unfinished">Integrationen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/page.py" line="86"/>
        <source>Connect Instagram Business and Creator accounts to the workspace you manage.</source>
        <translation>Verbinden Sie Instagram-Business- und Creator-Konten mit dem Arbeitsbereich, den Sie betreuen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/page.py" line="147"/>
        <source>Load again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/page.py" line="210"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="73"/>
        <source>Settings sections</source>
        <translation>Einstellungsbereiche</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="83"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="84"/>
        <source>Integrations</source>
        <translation>Integrationen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="85"/>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="86"/>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="128"/>
        <source>Opening your workspaces…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="181"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="216"/>
        <source>Unlock and retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../desktop/ui/integrations/notice.py" line="41"/>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/notice.py" line="42"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/notice.py" line="43"/>
        <source>Information</source>
        <translation>Information</translation>
    </message>
</context>
<context>
    <name>PendingRevocationRow</name>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="278"/>
        <source>@{username}, revocation pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="285"/>
        <source>Profile picture of @{username}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="292"/>
        <source>Revocation pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="293"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_row.py" line="300"/>
        <source>Removed from this workspace. Instagram could not be reached to revoke Socialdesk&apos;s access, so Socialdesk keeps trying. To revoke it now, open {url}, find Socialdesk and choose Remove.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecurityPage</name>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="37"/>
        <source>Security</source>
        <extracomment>Emitted after the key was rotated or the status re-read, so banners can follow.</extracomment>
        <translation type="unfinished">Sicherheit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="39"/>
        <source>How your tokens are protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="43"/>
        <source>Access tokens are encrypted with a key of their own, which is itself encrypted with a key kept in your system keychain. A copy of the disk or of the database holds no usable token. Programs running as you on this computer are outside what encryption can stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="52"/>
        <source>Token vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="56"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="62"/>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="63"/>
        <source>Keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="64"/>
        <source>Active key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="65"/>
        <source>Stored tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="66"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="76"/>
        <source>Rotating makes a new key in the keychain and re-wraps every token&apos;s own key with it; the tokens themselves are not touched, and the old key is deleted afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="84"/>
        <source>Rotate encryption key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="88"/>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="88"/>
        <source>Check the vault again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="125"/>
        <location filename="../../desktop/ui/pages/security.py" line="129"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="126"/>
        <source>None yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="138"/>
        <source>Saved, protected by your system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="139"/>
        <source>Session only: nothing is saved (no secure keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="140"/>
        <source>Locked: the keychain needs unlocking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="141"/>
        <source>Key missing from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="150"/>
        <source>Rotating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="158"/>
        <source>Key rotated. Every stored token is now protected by the new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="168"/>
        <source>{message} ({code}) {action}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="73"/>
        <source>Socialdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="87"/>
        <source>@{username} in {workspace}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="92"/>
        <source>Instagram no longer accepts this connection. Reconnect to sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="94"/>
        <source>Instagram account needs reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="97"/>
        <source>A permission is missing. Reconnect and leave all boxes checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="99"/>
        <source>Instagram permission missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="102"/>
        <source>{who}: Socialdesk could not renew access, which ends on {date}. It keeps trying; if this goes on, check your network or reconnect the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="105"/>
        <source>Instagram access ends soon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TroubleshootingTable</name>
    <message>
        <location filename="../../desktop/ui/integrations/troubleshooting.py" line="46"/>
        <source>Troubleshooting table</source>
        <translation>Tabelle zur Fehlerbehebung</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/troubleshooting.py" line="48"/>
        <source>Every message Socialdesk can show, its code and what it means</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/troubleshooting.py" line="51"/>
        <source>Message and code</source>
        <translation>Meldung und Code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/troubleshooting.py" line="51"/>
        <source>What it means</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/troubleshooting.py" line="66"/>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/troubleshooting.py" line="67"/>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspaceBar</name>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="34"/>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="40"/>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="37"/>
        <source>Workspace:</source>
        <translation>Arbeitsbereich:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="41"/>
        <source>Workspaces</source>
        <translation>Arbeitsbereiche</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="47"/>
        <source>New workspace…</source>
        <translation>Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="50"/>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="50"/>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="129"/>
        <source>Rename workspace</source>
        <translation>Arbeitsbereich umbenennen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="117"/>
        <source>New workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="118"/>
        <source>Name of the new workspace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="130"/>
        <source>New name for “{name}”:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkspaceNameDialog</name>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_dialog.py" line="35"/>
        <source>Workspace name</source>
        <extracomment>The name to save; the dialog waits for :meth:`saved` or :meth:`show_error`.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_dialog.py" line="43"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_dialog.py" line="44"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../desktop/ui/crash.py" line="35"/>
        <source>Socialdesk ran into a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crash.py" line="37"/>
        <source>Something went wrong inside Socialdesk ({kind}). Your connections and settings are safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crash.py" line="42"/>
        <source>the log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crash.py" line="44"/>
        <source>Details were written to {where}. If it keeps happening, send that file to support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
