<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutPage</name>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="27"/>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="27"/>
        <source>Socialdesk for social media managers.</source>
        <translation>Socialdesk für Social-Media-Manager.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="31"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="33"/>
        <source>Sandbox (a local Instagram on this computer)</source>
        <translation>Sandbox (ein lokales Instagram auf diesem Computer)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="35"/>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="38"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="39"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="40"/>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="41"/>
        <source>Log folder</source>
        <translation>Protokollordner</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="42"/>
        <source>Settings folder</source>
        <translation>Einstellungsordner</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="43"/>
        <source>Keychain backend</source>
        <translation>Schlüsselbund-Backend</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/about.py" line="61"/>
        <source>None available ({kind})</source>
        <translation>Keines verfügbar ({kind})</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="79"/>
        <location filename="../../desktop/ui/integrations/banners.py" line="105"/>
        <source>Hide details</source>
        <extracomment>Keys-unavailable reasons of a team desktop, each with its own words in the banner.</extracomment>
        <translation>Details ausblenden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="105"/>
        <source>Show details</source>
        <translation>Details zeigen</translation>
    </message>
</context>
<context>
    <name>BannerArea</name>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="155"/>
        <source>Sandbox mode</source>
        <translation>Sandbox-Modus</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="257"/>
        <source>Socialdesk is talking to a local Instagram on this computer, so you can try every step safely. Nothing reaches the real Instagram until you set up your Instagram app under Integrations → Instagram app.</source>
        <translation>Socialdesk spricht mit einem lokalen Instagram auf diesem Computer, sodass Sie jeden Schritt gefahrlos ausprobieren können. Nichts erreicht das echte Instagram, bis Sie Ihre Instagram-App unter Integrationen → Instagram-App einrichten.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="175"/>
        <source>Connections last only until you quit</source>
        <translation>Verbindungen bleiben nur bis zum Beenden erhalten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="149"/>
        <source>Set up Instagram app</source>
        <extracomment>The sandbox banner&apos;s &quot;Set up Instagram app&quot;: show the Instagram app form. The sandbox banner folded (True) or unfolded by the user.</extracomment>
        <translation>Instagram-App einrichten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="177"/>
        <source>No secure keychain is available, so Socialdesk keeps its encryption key in memory and saves nothing to disk; it never falls back to storing tokens in plain text. Install and start GNOME Keyring or KWallet (or sign in to a desktop session), then restart Socialdesk.</source>
        <translation>Kein sicherer Schlüsselbund verfügbar, daher hält Socialdesk seinen Schlüssel im Arbeitsspeicher und speichert nichts auf dem Datenträger; Tokens werden nie im Klartext abgelegt. Installieren und starten Sie GNOME Keyring oder KWallet (oder melden Sie sich an einer Desktop-Sitzung an) und starten Sie Socialdesk dann neu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="191"/>
        <location filename="../../desktop/ui/integrations/banners.py" line="314"/>
        <source>Unlock and retry</source>
        <translation>Entsperren und erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="200"/>
        <source>Socialdesk needs the key in your system keychain to read and save connections. {action}</source>
        <translation>Socialdesk braucht den Schlüssel in Ihrem Schlüsselbund, um Verbindungen zu lesen und zu speichern. {action}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="215"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="217"/>
        <source>Retry reading the key</source>
        <translation>Schlüssel erneut lesen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="252"/>
        <source>Socialdesk is talking to a local Instagram on this computer, so you can try every step safely. Nothing reaches the real Instagram until you set up your Instagram app in the Instagram app form below.</source>
        <translation>Socialdesk spricht mit einem lokalen Instagram auf diesem Computer, sodass Sie jeden Schritt gefahrlos ausprobieren können. Nichts erreicht das echte Instagram, bis Sie Ihre Instagram-App im Formular „Instagram-App“ weiter unten einrichten.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/banners.py" line="314"/>
        <source>Unlocking…</source>
        <translation>Wird entsperrt…</translation>
    </message>
</context>
<context>
    <name>CertificateNote</name>
    <message>
        <location filename="../../desktop/ui/integrations/certificate_note.py" line="18"/>
        <source>Before Instagram&apos;s page, your browser will warn that the connection to localhost is not private. That is expected: Socialdesk&apos;s local address uses its own certificate, which your browser does not trust yet. Choose Advanced, then Proceed to localhost, or paste the address from the browser below. To skip the warning, let your browser trust Socialdesk&apos;s local address (further down this page).</source>
        <translation>Vor der Seite von Instagram warnt Ihr Browser, dass die Verbindung zu localhost nicht privat ist. Das ist zu erwarten: Die lokale Adresse von Socialdesk hat ein eigenes Zertifikat, dem Ihr Browser noch nicht vertraut. Wählen Sie „Erweitert“ und dann „Weiter zu localhost“, oder fügen Sie die Adresse aus dem Browser unten ein. Um die Warnung zu vermeiden, lassen Sie Ihren Browser der lokalen Adresse von Socialdesk vertrauen (weiter unten auf dieser Seite).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/certificate_note.py" line="30"/>
        <source>A certificate warning will appear</source>
        <translation>Eine Zertifikatswarnung wird erscheinen</translation>
    </message>
</context>
<context>
    <name>ConnectFlow</name>
    <message>
        <location filename="../../desktop/ui/integrations/connect_flow.py" line="81"/>
        <source>Reconnect again</source>
        <extracomment>From a listener thread: the browser reported the dialog closed, without the flow&apos;s state.</extracomment>
        <translation>Erneut neu verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_flow.py" line="81"/>
        <location filename="../../desktop/ui/integrations/connect_flow.py" line="340"/>
        <source>Connect again</source>
        <translation>Erneut verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_flow.py" line="105"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_flow.py" line="176"/>
        <source>Socialdesk could not open your browser. Click Copy link and open it in a browser yourself.</source>
        <translation>Socialdesk konnte Ihren Browser nicht öffnen. Klicken Sie auf „Link kopieren“ und öffnen Sie ihn selbst in einem Browser.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_flow.py" line="218"/>
        <source>Paste again</source>
        <translation>Erneut einfügen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_flow.py" line="250"/>
        <source>Connecting was cancelled. Nothing was changed.</source>
        <translation>Das Verbinden wurde abgebrochen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_flow.py" line="263"/>
        <source>Switch account</source>
        <translation>Konto wechseln</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/integrations/connect_flow.py" line="324"/>
        <source>Connected %n account(s) through Facebook: {names}.</source>
        <translation>
            <numerusform>%n Konto über Facebook verbunden: {names}.</numerusform>
            <numerusform>%n Konten über Facebook verbunden: {names}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_flow.py" line="352"/>
        <source>No account was connected. Nothing was changed.</source>
        <translation>Es wurde kein Konto verbunden. Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>ConnectProgressCard</name>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="41"/>
        <source>Connecting Instagram</source>
        <extracomment>A connect link lives ten minutes; the countdown never shows more, whatever the clocks say.</extracomment>
        <translation>Instagram wird verbunden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="55"/>
        <source>Browser</source>
        <extracomment>The question is asked once per attempt, whatever keeps sending state-less reports.</extracomment>
        <translation>Browser</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="63"/>
        <source>Finish in your browser</source>
        <translation>Im Browser abschließen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="72"/>
        <source>Time left to finish</source>
        <translation>Verbleibende Zeit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="74"/>
        <source>left</source>
        <translation>übrig</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="83"/>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="84"/>
        <source>Copy the sign-in link to open it in another browser</source>
        <translation>Anmeldelink kopieren, um ihn in einem anderen Browser zu öffnen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="86"/>
        <source>Open browser again</source>
        <translation>Browser erneut öffnen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="89"/>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="246"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="89"/>
        <source>Cancel connecting</source>
        <translation>Verbinden abbrechen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="93"/>
        <source>Link copied</source>
        <translation>Link kopiert</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="106"/>
        <source>Browser can&apos;t reach Socialdesk? Paste the whole address from its address bar after clicking Allow:</source>
        <translation>Der Browser erreicht Socialdesk nicht? Fügen Sie nach „Erlauben“ die ganze Adresse aus seiner Adressleiste ein:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="118"/>
        <source>Paste the address here</source>
        <translation>Adresse hier einfügen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="119"/>
        <source>Address from the browser after Allow</source>
        <translation>Adresse aus dem Browser nach „Erlauben“</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="123"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="123"/>
        <source>Use pasted address</source>
        <translation>Eingefügte Adresse verwenden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="143"/>
        <source>Stop connecting?</source>
        <translation>Verbinden abbrechen?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="148"/>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="181"/>
        <source>Your browser reported that the Instagram dialog was closed. Stop connecting?</source>
        <translation>Ihr Browser meldet, dass der Instagram-Dialog geschlossen wurde. Verbinden abbrechen?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="153"/>
        <source>Keep waiting</source>
        <translation>Weiter warten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="155"/>
        <source>Keep waiting for Instagram</source>
        <translation>Weiter auf Instagram warten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="159"/>
        <source>Stop</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="159"/>
        <source>Stop connecting</source>
        <translation>Verbinden abbrechen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="179"/>
        <source>Your browser reported that the Facebook dialog was closed. Stop connecting?</source>
        <translation>Ihr Browser meldet, dass der Facebook-Dialog geschlossen wurde. Verbinden abbrechen?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="215"/>
        <source>Instagram&apos;s sign-in page is open in your browser. Sign in as @{username}, leave every permission ticked and click Allow; Socialdesk picks up the answer by itself.</source>
        <translation>Die Anmeldeseite von Instagram ist in Ihrem Browser geöffnet. Melden Sie sich als @{username} an, lassen Sie alle Berechtigungen angehakt und klicken Sie auf „Erlauben“; Socialdesk nimmt die Antwort von selbst entgegen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="219"/>
        <source>Instagram&apos;s sign-in page is open in your browser. Choose the account, leave every permission ticked and click Allow; Socialdesk picks up the answer by itself.</source>
        <translation>Die Anmeldeseite von Instagram ist in Ihrem Browser geöffnet. Wählen Sie das Konto, lassen Sie alle Berechtigungen angehakt und klicken Sie auf „Erlauben“; Socialdesk nimmt die Antwort von selbst entgegen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connect_progress.py" line="233"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>ConnectionDetails</name>
    <message>
        <location filename="../../desktop/ui/integrations/connection_details.py" line="42"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_details.py" line="55"/>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_details.py" line="58"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_details.py" line="92"/>
        <source>Instagram account @{username}</source>
        <translation>Instagram-Konto @{username}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_details.py" line="117"/>
        <source>Reconnect @{username}</source>
        <translation>@{username} neu verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_details.py" line="118"/>
        <source>Disconnect @{username}</source>
        <translation>@{username} trennen</translation>
    </message>
</context>
<context>
    <name>ConnectionRow</name>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="38"/>
        <source>Business</source>
        <translation>Business</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="40"/>
        <source>Creator</source>
        <translation>Creator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="46"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="48"/>
        <source>Needs reconnect</source>
        <translation>Neu verbinden nötig</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="50"/>
        <source>Missing permission</source>
        <translation>Berechtigung fehlt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="52"/>
        <source>Revocation pending</source>
        <translation>Widerruf ausstehend</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="73"/>
        <source>Token expired</source>
        <translation>Token abgelaufen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="76"/>
        <source>Token expires today</source>
        <translation>Token läuft heute ab</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="78"/>
        <source>Token expires in 1 day</source>
        <translation>Token läuft in 1 Tag ab</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="79"/>
        <source>Token expires in {days} days</source>
        <translation>Token läuft in {days} Tagen ab</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="87"/>
        <source>The token vault was reset, so this account&apos;s token is gone. Reconnect to sign in again.</source>
        <translation>Der Token-Tresor wurde zurückgesetzt, daher ist das Token dieses Kontos weg. Verbinden Sie neu, um sich erneut anzumelden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="102"/>
        <source>Instagram no longer accepts this connection. Reconnect to sign in again.</source>
        <translation>Instagram akzeptiert diese Verbindung nicht mehr. Verbinden Sie neu, um sich erneut anzumelden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="106"/>
        <source>A permission is missing. Reconnect and leave all boxes checked.</source>
        <translation>Eine Berechtigung fehlt. Verbinden Sie neu und lassen Sie alle Häkchen gesetzt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="118"/>
        <source>Connected through the Facebook Page {page}</source>
        <translation>Verbunden über die Facebook-Seite {page}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="121"/>
        <source>Connected through Facebook</source>
        <translation>Verbunden über Facebook</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="122"/>
        <source>Connected with Instagram Login</source>
        <translation>Verbunden mit Instagram-Anmeldung</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="132"/>
        <source>Removed from this workspace. Instagram does not let Socialdesk remove its own access, so only you can: open {url}, find Socialdesk and choose Remove.</source>
        <translation>Aus diesem Arbeitsbereich entfernt. Instagram lässt Socialdesk den eigenen Zugriff nicht entfernen, das können nur Sie: Öffnen Sie {url}, suchen Sie Socialdesk und wählen Sie „Entfernen“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="138"/>
        <source>Removed from this workspace. Removing Socialdesk&apos;s access at Instagram failed too many times, so Socialdesk stopped trying. Open {url}, find Socialdesk and choose Remove.</source>
        <translation>Aus diesem Arbeitsbereich entfernt. Das Entfernen des Zugriffs von Socialdesk bei Instagram ist zu oft fehlgeschlagen, daher versucht Socialdesk es nicht mehr. Öffnen Sie {url}, suchen Sie Socialdesk und wählen Sie „Entfernen“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="144"/>
        <source>Removed from this workspace. Instagram could not be reached to revoke Socialdesk&apos;s access, so Socialdesk keeps trying. To revoke it now, open {url}, find Socialdesk and choose Remove.</source>
        <translation>Aus diesem Arbeitsbereich entfernt. Instagram war nicht erreichbar, um den Zugriff von Socialdesk zu widerrufen; Socialdesk versucht es weiter. Um ihn jetzt zu widerrufen, öffnen Sie {url}, suchen Sie Socialdesk und wählen Sie „Entfernen“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="154"/>
        <source>Removed from this workspace. Facebook did not confirm that Socialdesk&apos;s access was removed, so only you can: open Facebook&apos;s Business Integrations at {url}, find Socialdesk and choose Remove.</source>
        <translation>Aus diesem Arbeitsbereich entfernt. Facebook hat nicht bestätigt, dass der Zugriff von Socialdesk entfernt wurde, das können nur Sie: Öffnen Sie die Business-Integrationen von Facebook unter {url}, suchen Sie Socialdesk und wählen Sie „Entfernen“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="161"/>
        <source>Removed from this workspace. Removing Socialdesk&apos;s access at Facebook failed too many times, so Socialdesk stopped trying. Open Facebook&apos;s Business Integrations at {url}, find Socialdesk and choose Remove.</source>
        <translation>Aus diesem Arbeitsbereich entfernt. Das Entfernen des Zugriffs von Socialdesk bei Facebook ist zu oft fehlgeschlagen, daher versucht Socialdesk es nicht mehr. Öffnen Sie die Business-Integrationen von Facebook unter {url}, suchen Sie Socialdesk und wählen Sie „Entfernen“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="167"/>
        <source>Removed from this workspace. Facebook could not be reached to revoke Socialdesk&apos;s access, so Socialdesk keeps trying. To revoke it now, open Facebook&apos;s Business Integrations at {url}, find Socialdesk and choose Remove.</source>
        <translation>Aus diesem Arbeitsbereich entfernt. Facebook war nicht erreichbar, um den Zugriff von Socialdesk zu widerrufen; Socialdesk versucht es weiter. Um ihn jetzt zu widerrufen, öffnen Sie die Business-Integrationen von Facebook unter {url}, suchen Sie Socialdesk und wählen Sie „Entfernen“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="201"/>
        <source>None</source>
        <extracomment>&quot;Connected on …&quot; and the expiry, in the order shown; a new field (say, how it was connected) is one more entry here and shows up in the list, the details and the screen reader at once.</extracomment>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="209"/>
        <source>Permissions: {permissions}</source>
        <translation>Berechtigungen: {permissions}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="213"/>
        <source>Connected on {date}</source>
        <translation>Verbunden am {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connection_text.py" line="229"/>
        <source>Remove by hand</source>
        <translation>Von Hand entfernen</translation>
    </message>
</context>
<context>
    <name>ConnectionsListView</name>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="57"/>
        <source>Connected Instagram accounts</source>
        <extracomment>Rows visible before the list scrolls inside the page. Rows laid out per event-loop turn.</extracomment>
        <translation>Verbundene Instagram-Konten</translation>
    </message>
</context>
<context>
    <name>ConnectionsLoader</name>
    <message>
        <location filename="../../desktop/ui/integrations/connections_loader.py" line="105"/>
        <location filename="../../desktop/ui/integrations/connections_loader.py" line="116"/>
        <source>Load again</source>
        <extracomment>The account whose row becomes current (and takes the focus, when the card had it) once the list has reloaded (after a connect).</extracomment>
        <translation>Erneut laden</translation>
    </message>
</context>
<context>
    <name>ConnectionsModel</name>
    <message>
        <location filename="../../desktop/ui/integrations/connections_model.py" line="316"/>
        <source>Actions: Reconnect (Enter), Disconnect (Delete).</source>
        <extracomment>Rows fetched together when the view first asks for one of them. Above this many rows inserted or removed at once, a reset is cheaper than row-by-row signals. Every row&apos;s flags, combined once: or-ing Qt&apos;s flag enums builds a new Python enum member each time, and the view asks for a row&apos;s flags on every paint and every change of the current row. Every summary of the workspace, by key (an ig_user_id, or ``pending:username``), with the search texts and sort orders (``_summaries`` is the index&apos;s own dict). The keys shown, filtered and sorted; ``_row_of`` is its inverse.</extracomment>
        <translation>Aktionen: Neu verbinden (Eingabe), Trennen (Entf).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_model.py" line="318"/>
        <source>Actions: Disconnect (Delete).</source>
        <translation>Aktionen: Trennen (Entf).</translation>
    </message>
</context>
<context>
    <name>ConnectionsPanel</name>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="95"/>
        <source>Search by username or type</source>
        <translation>Nach Benutzername oder Typ suchen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="96"/>
        <source>Search connected accounts</source>
        <translation>Verbundene Konten durchsuchen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="99"/>
        <source>Clear search</source>
        <translation>Suche leeren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="103"/>
        <source>Sort accounts by</source>
        <translation>Konten sortieren nach</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="104"/>
        <source>Sort orders</source>
        <translation>Sortierungen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="105"/>
        <source>By username</source>
        <translation>Nach Benutzername</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="106"/>
        <source>By status</source>
        <translation>Nach Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="107"/>
        <source>By expiry</source>
        <translation>Nach Ablauf</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="117"/>
        <source>No account matches your search.</source>
        <translation>Kein Konto passt zu Ihrer Suche.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="211"/>
        <source>{count} accounts</source>
        <extracomment>Whether a workspace&apos;s rows have been shown (a cleared model then waits for the next).</extracomment>
        <translation>{count} Konten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="211"/>
        <source>1 account</source>
        <translation>1 Konto</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="214"/>
        <source>{count} of {total} accounts</source>
        <translation>{count} von {total} Konten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="263"/>
        <source>Reconnect @{username}</source>
        <translation>@{username} neu verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/connections_view.py" line="267"/>
        <source>Disconnect @{username}…</source>
        <translation>@{username} trennen…</translation>
    </message>
</context>
<context>
    <name>DisconnectDialog</name>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="39"/>
        <source>Disconnect @{username}?</source>
        <translation>@{username} trennen?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="45"/>
        <source>This removes @{username} from this workspace and revokes Socialdesk&apos;s access at Instagram; other accounts are not affected.</source>
        <translation>Damit wird @{username} aus diesem Arbeitsbereich entfernt und der Zugriff von Socialdesk bei Instagram widerrufen; andere Konten sind nicht betroffen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="25"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="49"/>
        <source>Disconnect @{username}</source>
        <translation>@{username} trennen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="26"/>
        <source>Keep connected</source>
        <translation>Verbunden lassen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_dialog.py" line="50"/>
        <source>Keep @{username} connected</source>
        <translation>@{username} verbunden lassen</translation>
    </message>
</context>
<context>
    <name>DisconnectFlow</name>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_flow.py" line="56"/>
        <source>This removes @{username} from this workspace at once. Socialdesk&apos;s access at Facebook is revoked only when no other connected account uses the same Facebook sign-in.</source>
        <translation>Damit wird @{username} sofort aus diesem Arbeitsbereich entfernt. Der Zugriff von Socialdesk bei Facebook wird erst widerrufen, wenn kein anderes verbundenes Konto dieselbe Facebook-Anmeldung nutzt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_flow.py" line="87"/>
        <source>Disconnecting…</source>
        <translation>Wird getrennt…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/disconnect_flow.py" line="98"/>
        <source>Disconnect again</source>
        <translation>Erneut trennen</translation>
    </message>
</context>
<context>
    <name>ErrorPanel</name>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="42"/>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="52"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="61"/>
        <source>Error code</source>
        <translation>Fehlercode</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="78"/>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="124"/>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="125"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="80"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="90"/>
        <source>Troubleshooting</source>
        <translation>Fehlerbehebung</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="92"/>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="163"/>
        <source>Show all codes</source>
        <translation>Alle Codes zeigen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="116"/>
        <source>Quote this code when you ask for help</source>
        <translation>Nennen Sie diesen Code, wenn Sie Hilfe anfragen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="117"/>
        <source>What it means: {meaning}</source>
        <translation>Bedeutung: {meaning}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="120"/>
        <source>What to do: {action}</source>
        <translation>Was tun: {action}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="147"/>
        <source>Not granted: {permissions}.</source>
        <translation>Nicht erteilt: {permissions}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="150"/>
        <source>Socialdesk never heard back from Instagram. If your browser showed one of Meta&apos;s own error screens, such as “Invalid Scopes”, “URL Blocked” or “Invalid platform app”, Meta stopped the sign-in before it could return here: check the App ID and redirect URI under Instagram app against your app in the Meta dashboard. Otherwise the ten minutes simply ran out.</source>
        <translation>Socialdesk hat keine Antwort von Instagram erhalten. Hat Ihr Browser eine der Fehlerseiten von Meta gezeigt, etwa „Invalid Scopes“, „URL Blocked“ oder „Invalid platform app“, dann hat Meta die Anmeldung beendet, bevor sie hierher zurückkehren konnte: Vergleichen Sie App-ID und Weiterleitungs-URI unter Instagram-App mit Ihrer App im Meta-Dashboard. Andernfalls sind die zehn Minuten einfach abgelaufen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="157"/>
        <source>Details: {detail}</source>
        <translation>Details: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/error_panel.py" line="163"/>
        <source>Show only this code</source>
        <translation>Nur diesen Code zeigen</translation>
    </message>
</context>
<context>
    <name>FacebookAppCard</name>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="26"/>
        <source>Facebook app</source>
        <translation>Facebook-App</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="31"/>
        <source>Facebook app (Sign in with Facebook)</source>
        <translation>Facebook-App (Mit Facebook anmelden)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="36"/>
        <source>For the accounts linked to Facebook Pages: an app with Facebook Login for Business in the Meta dashboard, with the same redirect URI as above. The App Secret is kept in your system keychain.</source>
        <translation>Für die mit Facebook-Seiten verknüpften Konten: eine App mit „Facebook Login for Business“ im Meta-Dashboard, mit derselben Weiterleitungs-URI wie oben. Das App-Geheimnis wird im Schlüsselbund Ihres Systems aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="47"/>
        <source>Facebook App ID, digits only</source>
        <translation>Facebook-App-ID, nur Ziffern</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="48"/>
        <source>Facebook App ID</source>
        <translation>Facebook-App-ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="51"/>
        <source>Facebook App Secret</source>
        <translation>Facebook-App-Geheimnis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="53"/>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="76"/>
        <source>Stored in your keychain; type to replace</source>
        <translation>Im Schlüsselbund gespeichert; zum Ersetzen eintippen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="55"/>
        <source>From the Meta dashboard</source>
        <translation>Aus dem Meta-Dashboard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="57"/>
        <source>App ID:</source>
        <translation>App-ID:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="58"/>
        <source>App Secret:</source>
        <translation>App-Geheimnis:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="63"/>
        <source>Save Facebook app</source>
        <translation>Facebook-App speichern</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="78"/>
        <source>Saved. Restart Socialdesk to sign in with Facebook using this app.</source>
        <translation>Gespeichert. Starten Sie Socialdesk neu, um sich mit dieser App über Facebook anzumelden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="83"/>
        <source>Not saved.</source>
        <translation>Nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_app_settings.py" line="103"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>FacebookPicker</name>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="181"/>
        <source>Choose the accounts to connect</source>
        <translation>Wählen Sie die zu verbindenden Konten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="207"/>
        <source>A Page you manage is missing? It was not ticked in the Facebook dialog: reconnect with Facebook and tick it.</source>
        <translation>Fehlt eine Seite, die Sie verwalten? Sie wurde im Facebook-Dialog nicht angehakt: Verbinden Sie neu mit Facebook und haken Sie sie an.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="216"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="219"/>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="316"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="230"/>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="232"/>
        <source>Accounts linked to Pages {person} manages</source>
        <translation>Mit Seiten verknüpfte Konten, die {person} verwaltet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="234"/>
        <source>Accounts linked to your Pages</source>
        <translation>Mit Ihren Seiten verknüpfte Konten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="256"/>
        <source>{page}: {reason}</source>
        <translation>{page}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="270"/>
        <source>No Instagram Business or Creator account is linked to this Page. If the account is Personal, switch it to professional in the Instagram app; then link it to the Page in Meta Business Suite and retry.</source>
        <translation>Mit dieser Seite ist kein Instagram-Business- oder -Creator-Konto verknüpft. Ist das Konto privat, stellen Sie es in der Instagram-App auf ein professionelles Konto um, verknüpfen Sie es dann in der Meta Business Suite mit der Seite und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="275"/>
        <source>This Page was not ticked in the Facebook dialog. Reconnect with Facebook and tick it.</source>
        <translation>Diese Seite wurde im Facebook-Dialog nicht angehakt. Verbinden Sie neu mit Facebook und haken Sie sie an.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="278"/>
        <source>Facebook gave no access to this Page: your role on it may not allow managing its Instagram account. Ask a Page admin for full control, then retry.</source>
        <translation>Facebook hat keinen Zugriff auf diese Seite gegeben: Ihre Rolle dort erlaubt es womöglich nicht, ihr Instagram-Konto zu verwalten. Bitten Sie einen Admin der Seite um volle Kontrolle und versuchen Sie es dann erneut.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="316"/>
        <source>Connect %n account(s)</source>
        <translation>
            <numerusform>%n Konto verbinden</numerusform>
            <numerusform>%n Konten verbinden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FieldError</name>
    <message>
        <location filename="../../desktop/ui/integrations/field_error.py" line="21"/>
        <source>{problem} {action} ({code})</source>
        <translation>{problem} {action} ({code})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/field_error.py" line="50"/>
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
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="23"/>
        <source>Sandbox mode: Socialdesk talks to a local Instagram on this computer, so you can try every step without a Meta app. Set up your Instagram app under Integrations to connect real accounts.</source>
        <translation>Sandbox-Modus: Socialdesk spricht mit einem lokalen Instagram auf diesem Computer, sodass Sie jeden Schritt ohne Meta-App ausprobieren können. Richten Sie unter Integrationen Ihre Instagram-App ein, um echte Konten zu verbinden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="27"/>
        <source>Connected to Instagram with your own Instagram app.</source>
        <translation>Mit Ihrer eigenen Instagram-App mit Instagram verbunden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="32"/>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="34"/>
        <location filename="../../desktop/ui/pages/general.py" line="36"/>
        <source>Open data folder</source>
        <translation>Datenordner öffnen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/general.py" line="35"/>
        <location filename="../../desktop/ui/pages/general.py" line="37"/>
        <source>Open log folder</source>
        <translation>Protokollordner öffnen</translation>
    </message>
</context>
<context>
    <name>InstagramAppCard</name>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="60"/>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="69"/>
        <source>Instagram app</source>
        <extracomment>The user asked to restart Socialdesk so the saved app takes effect. The form&apos;s fields exist now (see :meth:`build_form`).</extracomment>
        <translation>Instagram-App</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="77"/>
        <source>Socialdesk signs in with your own Instagram app. The App Secret is kept in your system keychain, never in a file.</source>
        <translation>Socialdesk meldet sich mit Ihrer eigenen Instagram-App an. Das App-Geheimnis liegt in Ihrem Schlüsselbund, nie in einer Datei.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="109"/>
        <source>Instagram App ID, digits only</source>
        <translation>Instagram-App-ID, nur Ziffern</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="110"/>
        <source>Instagram App ID</source>
        <translation>Instagram-App-ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="139"/>
        <source>Instagram App Secret</source>
        <translation>Instagram-App-Geheimnis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="141"/>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="197"/>
        <source>Stored in your keychain; type to replace</source>
        <translation>Im Schlüsselbund gespeichert; zum Ersetzen eintippen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="143"/>
        <source>From the Meta dashboard</source>
        <translation>Aus dem Meta-Dashboard</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="72"/>
        <source>To connect real accounts, create an app at Meta and enter its details here. Until then Socialdesk stays in sandbox mode.</source>
        <translation>Um echte Konten zu verbinden, erstellen Sie eine App bei Meta und tragen Sie ihre Daten hier ein. Bis dahin bleibt Socialdesk im Sandbox-Modus.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="82"/>
        <source>Set up your app at Meta</source>
        <translation>Ihre App bei Meta einrichten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="113"/>
        <source>The Instagram App ID from Instagram → API setup with Instagram business login, not the Facebook App ID at the top of Meta&apos;s dashboard.</source>
        <translation>Die Instagram-App-ID aus Instagram → API setup with Instagram business login, nicht die Facebook-App-ID oben im Meta-Dashboard.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="120"/>
        <source>OAuth redirect URI</source>
        <translation>OAuth-Weiterleitungs-URI</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="121"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="122"/>
        <source>Copy the redirect URI</source>
        <translation>Weiterleitungs-URI kopieren</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="130"/>
        <source>Meta compares it character for character with the one you register: https, host, port, path and the trailing / must all be the same.</source>
        <translation>Meta vergleicht sie Zeichen für Zeichen mit der registrierten: https, Host, Port, Pfad und der abschließende / müssen alle gleich sein.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="148"/>
        <source>Instagram App ID:</source>
        <translation>Instagram-App-ID:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="151"/>
        <source>OAuth redirect URI:</source>
        <translation>OAuth-Weiterleitungs-URI:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="154"/>
        <source>Instagram App Secret:</source>
        <translation>Instagram-App-Geheimnis:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="160"/>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="166"/>
        <source>Save Instagram app</source>
        <translation>Instagram-App speichern</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="169"/>
        <source>Restart now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="170"/>
        <source>Restart Socialdesk to use this app</source>
        <translation>Socialdesk neu starten, um diese App zu nutzen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="191"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="198"/>
        <source>Saved. Restart Socialdesk to connect accounts with this app.</source>
        <translation>Gespeichert. Starten Sie Socialdesk neu, um Konten mit dieser App zu verbinden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="211"/>
        <source>Not saved.</source>
        <translation>Nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="243"/>
        <source>the Instagram App ID</source>
        <translation>die Instagram-App-ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="245"/>
        <source>the OAuth redirect URI</source>
        <translation>die OAuth-Weiterleitungs-URI</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="247"/>
        <source>the Instagram App Secret</source>
        <translation>das Instagram-App-Geheimnis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="255"/>
        <source>1. At developers.facebook.com, open your app and add the product “%1”.</source>
        <translation>1. Öffnen Sie auf developers.facebook.com Ihre App und fügen Sie das Produkt „%1“ hinzu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="258"/>
        <source>2. Under Business login settings → OAuth redirect URIs, enter exactly: %1</source>
        <translation>2. Tragen Sie unter Business login settings → OAuth redirect URIs genau dies ein: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="262"/>
        <source>3. While the app is in Development Mode, add each Instagram account you will connect as an Instagram tester (App roles → Roles), and accept the invitation in Instagram.</source>
        <translation>3. Solange die App im Development Mode ist, fügen Sie jedes Instagram-Konto, das Sie verbinden werden, als Instagram tester hinzu (App roles → Roles) und nehmen Sie die Einladung in Instagram an.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="266"/>
        <source>4. Copy the Instagram App ID and Instagram App Secret from Instagram → API setup with Instagram business login, and enter them below.</source>
        <translation>4. Kopieren Sie Instagram App ID und Instagram App Secret aus Instagram → API setup with Instagram business login und tragen Sie sie unten ein.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="279"/>
        <source>Save becomes available once you enter %1.</source>
        <translation>„Speichern“ wird verfügbar, sobald Sie %1 eingeben.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/app_settings.py" line="326"/>
        <source>Redirect URI copied.</source>
        <translation>Weiterleitungs-URI kopiert.</translation>
    </message>
</context>
<context>
    <name>InstagramCard</name>
    <message>
        <location filename="../../desktop/ui/integrations/card_header.py" line="24"/>
        <location filename="../../desktop/ui/integrations/card_header.py" line="30"/>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="71"/>
        <source>Instagram</source>
        <extracomment>An error or the connect card appeared: the page scrolls it into view.</extracomment>
        <translation>Instagram</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/card_header.py" line="34"/>
        <source>Business and Creator accounts: publish posts and read insights.</source>
        <translation>Business- und Creator-Konten: Beiträge veröffentlichen und Statistiken lesen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/card_header.py" line="43"/>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="361"/>
        <source>Connect Instagram</source>
        <translation>Instagram verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="108"/>
        <source>No Instagram account connected yet</source>
        <extracomment>How long a newly connected or reconnected row stays highlighted.</extracomment>
        <translation>Noch kein Instagram-Konto verbunden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="112"/>
        <source>Loading connections…</source>
        <translation>Verbindungen werden geladen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/instagram_card.py" line="361"/>
        <source>Connect another account</source>
        <translation>Weiteres Konto verbinden</translation>
    </message>
</context>
<context>
    <name>IntegrationsPage</name>
    <message>
        <location filename="../../desktop/ui/integrations/page.py" line="96"/>
        <source>Integrations</source>
        <extracomment>Failures that are about the name typed, shown in the dialog that asked for it. Restart Socialdesk to use a newly saved Instagram app.</extracomment>
        <translation>Integrationen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/page.py" line="97"/>
        <source>Connect Instagram Business and Creator accounts to the workspace you manage.</source>
        <translation>Verbinden Sie Instagram-Business- und Creator-Konten mit dem Arbeitsbereich, den Sie betreuen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/page.py" line="193"/>
        <source>Load again</source>
        <translation>Erneut laden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/page.py" line="254"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="89"/>
        <source>Settings sections</source>
        <translation>Einstellungsbereiche</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_pages.py" line="32"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_pages.py" line="33"/>
        <source>Integrations</source>
        <translation>Integrationen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_pages.py" line="34"/>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_pages.py" line="35"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_pages.py" line="36"/>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="159"/>
        <source>Opening your workspaces…</source>
        <extracomment>Set when the user chose &quot;Restart now&quot;: the loop ends with RESTART_EXIT_CODE. Pages built so far, by name; the others are empty placeholders in the stack.</extracomment>
        <translation>Ihre Arbeitsbereiche werden geöffnet…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="218"/>
        <source>Opening the team&apos;s workspaces…</source>
        <translation>Die Arbeitsbereiche des Teams werden geöffnet…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="304"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="351"/>
        <source>Unlock and retry</source>
        <translation>Entsperren und erneut versuchen</translation>
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
    <name>OutcomeWording</name>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="19"/>
        <source>Reconnected @{username}.</source>
        <translation>@{username} ist neu verbunden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="23"/>
        <source>Connected @{username} to {workspace}.</source>
        <translation>@{username} ist mit {workspace} verbunden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="26"/>
        <source>Connected @{username}.</source>
        <translation>@{username} ist verbunden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="35"/>
        <source>You cancelled on Facebook&apos;s page (access_denied). Nothing was changed; click Connect Instagram when you are ready.</source>
        <translation>Sie haben auf der Facebook-Seite abgebrochen (access_denied). Es wurde nichts geändert; klicken Sie auf „Instagram verbinden“, wenn Sie so weit sind.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="40"/>
        <source>You cancelled on Instagram&apos;s page (access_denied). Nothing was changed; click Connect Instagram when you are ready. If you chose Allow, Instagram turned the account away, as it does for Personal accounts: switch it to Business or Creator in the Instagram app, then retry.</source>
        <translation>Sie haben auf der Seite von Instagram abgebrochen (access_denied). Es wurde nichts geändert; klicken Sie auf „Instagram verbinden“, wenn Sie bereit sind. Falls Sie „Erlauben“ gewählt haben, hat Instagram das Konto abgewiesen, wie bei privaten Konten: Wechseln Sie in der Instagram-App zu Business oder Creator und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="54"/>
        <source>Removed @{username} from this workspace. Its Facebook sign-in is kept because {accounts} still use it; it is revoked at Facebook when the last of them is disconnected.</source>
        <translation>@{username} wurde aus diesem Arbeitsbereich entfernt. Die Facebook-Anmeldung bleibt bestehen, weil {accounts} sie noch nutzen; sie wird bei Facebook widerrufen, sobald das letzte dieser Konten getrennt wird.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="60"/>
        <source>Disconnected @{username}: removed from this workspace and Socialdesk&apos;s access at Facebook revoked.</source>
        <translation>@{username} getrennt: aus diesem Arbeitsbereich entfernt und der Zugriff von Socialdesk bei Facebook widerrufen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="65"/>
        <source>Disconnected @{username}: removed from this workspace and Socialdesk&apos;s access at Instagram revoked.</source>
        <translation>@{username} getrennt: aus diesem Arbeitsbereich entfernt und der Zugriff von Socialdesk bei Instagram widerrufen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="70"/>
        <source>Removed @{username} from this workspace. Socialdesk could not remove its access at Facebook and no longer tries: open Facebook&apos;s Business Integrations at {url}, find Socialdesk and choose Remove.</source>
        <translation>@{username} wurde aus diesem Arbeitsbereich entfernt. Socialdesk konnte seinen Zugriff bei Facebook nicht entfernen und versucht es nicht mehr: Öffnen Sie die Business-Integrationen von Facebook unter {url}, suchen Sie Socialdesk und wählen Sie „Entfernen“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="77"/>
        <source>Removed @{username} from this workspace. Facebook could not be reached to revoke access; Socialdesk will keep trying. You can also remove Socialdesk in Facebook&apos;s Settings → Business integrations.</source>
        <translation>@{username} wurde aus diesem Arbeitsbereich entfernt. Facebook war nicht erreichbar, um den Zugriff zu widerrufen; Socialdesk versucht es weiter. Sie können Socialdesk auch in den Facebook-Einstellungen unter „Business-Integrationen“ entfernen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="84"/>
        <source>Removed @{username} from this workspace. It stays connected in {workspaces}, so Socialdesk&apos;s access at Instagram was kept for those workspaces.</source>
        <translation>@{username} wurde aus diesem Arbeitsbereich entfernt. Das Konto bleibt in {workspaces} verbunden, daher bleibt der Zugriff von Socialdesk bei Instagram für diese Arbeitsbereiche erhalten.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="90"/>
        <source>Removed @{username} from this workspace. Instagram does not let Socialdesk remove its own access: open instagram.com/accounts/manage_access, find Socialdesk and choose Remove.</source>
        <translation>@{username} wurde aus diesem Arbeitsbereich entfernt. Instagram lässt Socialdesk seinen eigenen Zugriff nicht entfernen: Öffnen Sie instagram.com/accounts/manage_access, suchen Sie Socialdesk und wählen Sie „Entfernen“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/outcome_wording.py" line="96"/>
        <source>Removed @{username} from this workspace. Instagram could not be reached to revoke access; Socialdesk will keep trying. You can also remove Socialdesk at instagram.com/accounts/manage_access.</source>
        <translation>@{username} wurde aus diesem Arbeitsbereich entfernt. Instagram war zum Widerrufen des Zugriffs nicht erreichbar; Socialdesk versucht es weiter. Sie können Socialdesk auch unter instagram.com/accounts/manage_access entfernen.</translation>
    </message>
</context>
<context>
    <name>RetryWording</name>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="18"/>
        <source>Click {button} to start fresh.</source>
        <translation>Klicken Sie auf „{button}“, um neu zu beginnen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="19"/>
        <source>Wait a moment, then click {button}.</source>
        <translation>Warten Sie einen Moment und klicken Sie dann auf „{button}“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="21"/>
        <source>Click {button}; if it persists, send the log file from Settings → About to support.</source>
        <translation>Klicken Sie auf „{button}“; falls es bestehen bleibt, senden Sie die Protokolldatei aus Einstellungen → Über an den Support.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="25"/>
        <source>Switch to Business or Creator in the Instagram app, then click {button}.</source>
        <translation>Wechseln Sie in der Instagram-App zu Business oder Creator und klicken Sie dann auf „{button}“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="27"/>
        <source>Click {button} and leave all boxes checked.</source>
        <translation>Klicken Sie auf „{button}“ und lassen Sie alle Häkchen gesetzt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="34"/>
        <source>Click {button} and sign in again.</source>
        <translation>Klicken Sie auf „{button}“ und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="36"/>
        <source>Click {button} and leave all boxes checked on the Instagram dialog.</source>
        <translation>Klicken Sie auf „{button}“ und lassen Sie im Instagram-Dialog alle Häkchen gesetzt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="39"/>
        <source>Log in on instagram.com, complete the check, then click {button}.</source>
        <translation>Melden Sie sich auf instagram.com an, schließen Sie die Prüfung ab und klicken Sie dann auf „{button}“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="41"/>
        <source>Free some disk space, then click {button}; nothing was lost.</source>
        <translation>Geben Sie Speicherplatz frei und klicken Sie dann auf „{button}“; es ging nichts verloren.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="43"/>
        <source>Check the network (or VPN) and that the database server is running, then click {button}.</source>
        <translation>Prüfen Sie das Netzwerk (oder VPN) und ob der Datenbankserver läuft, und klicken Sie dann auf „{button}“.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="46"/>
        <source>Restore the keychain and click {button}, or reset the vault and reconnect your accounts.</source>
        <translation>Stellen Sie den Schlüsselbund wieder her und klicken Sie auf „{button}“, oder setzen Sie den Tresor zurück und verbinden Sie Ihre Konten neu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="49"/>
        <source>Unlock the keychain and click {button}, or paste the address from your browser&apos;s address bar.</source>
        <translation>Entsperren Sie den Schlüsselbund und klicken Sie auf „{button}“, oder fügen Sie die Adresse aus der Adressleiste Ihres Browsers ein.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/retry_wording.py" line="52"/>
        <source>Finish or cancel the connection in progress, then click {button}.</source>
        <translation>Schließen Sie die laufende Verbindung ab oder brechen Sie sie ab und klicken Sie dann auf „{button}“.</translation>
    </message>
</context>
<context>
    <name>SecurityPage</name>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="44"/>
        <source>Security</source>
        <extracomment>Emitted after the key was rotated or the status re-read, so banners can follow.</extracomment>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="46"/>
        <source>How your tokens are protected</source>
        <translation>So werden Ihre Tokens geschützt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="50"/>
        <source>Access tokens are encrypted with a key of their own, which is itself encrypted with a key kept in your system keychain. A copy of the disk or of the database holds no usable token. Programs running as you on this computer are outside what encryption can stop.</source>
        <translation>Zugriffstokens werden mit einem eigenen Schlüssel verschlüsselt, der wiederum mit einem Schlüssel in Ihrem Schlüsselbund verschlüsselt ist. Eine Kopie des Datenträgers oder der Datenbank enthält kein brauchbares Token. Programme, die auf diesem Computer unter Ihrem Benutzer laufen, kann Verschlüsselung nicht aufhalten.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="59"/>
        <source>Token vault</source>
        <translation>Token-Tresor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="63"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="69"/>
        <source>Storage</source>
        <translation>Speicherung</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="70"/>
        <source>Keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="71"/>
        <source>Active key</source>
        <translation>Aktiver Schlüssel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="72"/>
        <source>Stored tokens</source>
        <translation>Gespeicherte Tokens</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="73"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="83"/>
        <source>Rotating makes a new key in the keychain and re-wraps every token&apos;s own key with it; the tokens themselves are not touched, and the old key is deleted afterwards.</source>
        <translation>Beim Wechseln entsteht ein neuer Schlüssel im Schlüsselbund, mit dem der eigene Schlüssel jedes Tokens neu verschlüsselt wird; die Tokens selbst bleiben unberührt, und der alte Schlüssel wird danach gelöscht.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="91"/>
        <source>Rotate encryption key</source>
        <translation>Schlüssel wechseln</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="95"/>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="95"/>
        <source>Check the vault again</source>
        <translation>Tresor erneut prüfen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="114"/>
        <source>Access left at Instagram or Facebook</source>
        <translation>Verbliebener Zugriff bei Instagram oder Facebook</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="229"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="117"/>
        <location filename="../../desktop/ui/pages/security.py" line="178"/>
        <source>Nothing: every disconnected account&apos;s access was removed.</source>
        <translation>Keiner: Der Zugriff jedes getrennten Kontos wurde entfernt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="158"/>
        <source>@{username}: Socialdesk is still trying to remove its access.</source>
        <translation>@{username}: Socialdesk versucht noch, seinen Zugriff zu entfernen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="165"/>
        <source>@{username}: remove by hand in Facebook&apos;s Business Integrations at {url} (find Socialdesk, choose Remove).</source>
        <translation>@{username}: von Hand in den Business-Integrationen von Facebook unter {url} entfernen (Socialdesk suchen, „Entfernen“ wählen).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="171"/>
        <source>@{username}: remove by hand at {url} (find Socialdesk, choose Remove).</source>
        <translation>@{username}: von Hand unter {url} entfernen (Socialdesk suchen, „Entfernen“ wählen).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="186"/>
        <location filename="../../desktop/ui/pages/security.py" line="190"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="187"/>
        <source>None yet</source>
        <translation>Noch keine</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="199"/>
        <source>Saved, protected by your system keychain</source>
        <translation>Gespeichert, geschützt durch Ihren Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="200"/>
        <source>Session only: nothing is saved (no secure keychain)</source>
        <translation>Nur für diese Sitzung: nichts wird gespeichert (kein sicherer Schlüsselbund)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="201"/>
        <source>Locked: the keychain needs unlocking</source>
        <translation>Gesperrt: Der Schlüsselbund muss entsperrt werden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="202"/>
        <source>Key missing from the keychain</source>
        <translation>Schlüssel fehlt im Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="211"/>
        <source>Rotating…</source>
        <translation>Wird gewechselt…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/security.py" line="220"/>
        <source>Key rotated. Every stored token is now protected by the new key.</source>
        <translation>Schlüssel gewechselt. Jedes gespeicherte Token ist jetzt durch den neuen Schlüssel geschützt.</translation>
    </message>
</context>
<context>
    <name>TeamMembersCard</name>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="107"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="109"/>
        <source>Team members</source>
        <translation>Teammitglieder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="110"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="110"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="110"/>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="114"/>
        <source>Member columns</source>
        <translation>Mitgliederspalten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="118"/>
        <source>Fingerprint the member read to you</source>
        <translation>Fingerabdruck, den das Mitglied vorgelesen hat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="120"/>
        <source>Fingerprint, as the member reads it to you</source>
        <translation>Fingerabdruck, wie das Mitglied ihn vorliest</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="121"/>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="122"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="134"/>
        <source> (you)</source>
        <translation> (Sie)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="137"/>
        <source>approved, unverified</source>
        <translation>freigegeben, nicht bestätigt</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <location filename="../../desktop/ui/pages/team.py" line="46"/>
        <source>Team</source>
        <extracomment>This desktop joined or created a team: the window reopens its workspaces on the team database.</extracomment>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team.py" line="48"/>
        <source>Share workspaces with other managers through a PostgreSQL database. The database holds only encrypted tokens: each member&apos;s key stays in their own keychain.</source>
        <translation>Teilen Sie Arbeitsbereiche über eine PostgreSQL-Datenbank mit anderen Managern. Die Datenbank enthält nur verschlüsselte Tokens: Der Schlüssel jedes Mitglieds bleibt in dessen eigenem Schlüsselbund.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team.py" line="85"/>
        <source>Refresh those tokens now</source>
        <translation>Diese Tokens jetzt erneuern</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team.py" line="243"/>
        <source>Done. Read your fingerprint to a team member so they can approve you. The team&apos;s workspaces open now.</source>
        <extracomment>The last join&apos;s URL, password and name, kept (in memory) for &quot;Join again as this member&quot;. What Retry on the error panel runs again: the action that failed. Where each code of the running action shows: at its field rather than in the panel.</extracomment>
        <translation>Erledigt. Lesen Sie einem Teammitglied Ihren Fingerabdruck vor, damit es Sie freigeben kann. Die Arbeitsbereiche des Teams werden jetzt geöffnet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team.py" line="252"/>
        <source>Removed {name}. The team key was changed.</source>
        <translation>{name} wurde entfernt. Der Teamschlüssel wurde geändert.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team.py" line="255"/>
        <source>{name} could read the stored tokens of {count} account(s). Refresh them now so copies they kept are replaced.</source>
        <translation>{name} konnte die gespeicherten Tokens von {count} Konto/Konten lesen. Erneuern Sie sie jetzt, damit behaltene Kopien ersetzt werden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team.py" line="283"/>
        <source>{done} of {total} tokens refreshed.</source>
        <translation>{done} von {total} Tokens erneuert.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team.py" line="321"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
</context>
<context>
    <name>TeamSetupCard</name>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="41"/>
        <source>Create or join a team</source>
        <translation>Team erstellen oder beitreten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="43"/>
        <location filename="../../desktop/ui/pages/team_cards.py" line="58"/>
        <source>Team name</source>
        <translation>Teamname</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="44"/>
        <source>Your name in the team</source>
        <translation>Ihr Name im Team</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="45"/>
        <location filename="../../desktop/ui/pages/team_cards.py" line="61"/>
        <source>Database URL</source>
        <translation>Datenbank-URL</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="48"/>
        <source>Database password</source>
        <translation>Datenbankpasswort</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="59"/>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="51"/>
        <source>Team fingerprint a member read to you</source>
        <translation>Team-Fingerabdruck, den Ihnen ein Mitglied vorgelesen hat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="53"/>
        <source>When joining: as a member reads it to you</source>
        <translation>Beim Beitreten: so, wie ein Mitglied ihn Ihnen vorliest</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="63"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="64"/>
        <source>Team fingerprint</source>
        <translation>Team-Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="75"/>
        <source>Create team</source>
        <translation>Team erstellen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="76"/>
        <source>Join team</source>
        <translation>Team beitreten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="78"/>
        <source>Join again as this member</source>
        <translation>Erneut als dieses Mitglied beitreten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_cards.py" line="80"/>
        <source>Replace the lost key of the member with this name; a member then approves the new key</source>
        <translation>Den verlorenen Schlüssel des Mitglieds mit diesem Namen ersetzen; ein Mitglied bestätigt dann den neuen Schlüssel</translation>
    </message>
</context>
<context>
    <name>TeamStatusCard</name>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="24"/>
        <source>This desktop</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="25"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="27"/>
        <source>Your fingerprint</source>
        <translation>Ihr Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="29"/>
        <source>Team fingerprint</source>
        <translation>Team-Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="34"/>
        <source>Join again</source>
        <translation>Erneut beitreten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="36"/>
        <source>Join the team again as the same member, with a new key that a member then approves</source>
        <translation>Dem Team erneut als dasselbe Mitglied beitreten, mit einem neuen Schlüssel, den dann ein Mitglied bestätigt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="47"/>
        <source>Not in a team: this desktop&apos;s workspaces are local.</source>
        <translation>In keinem Team: Die Arbeitsbereiche dieses Computers sind lokal.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="54"/>
        <source>Team workspaces: {team} on {database}. You are {name} ({state}).</source>
        <translation>Team-Arbeitsbereiche: {team} auf {database}. Sie sind {name} ({state}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="58"/>
        <source>Your fingerprint: {fp}</source>
        <translation>Ihr Fingerabdruck: {fp}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="60"/>
        <source>Team fingerprint (read it to whoever joins): {fp}</source>
        <translation>Team-Fingerabdruck (lesen Sie ihn neuen Mitgliedern vor): {fp}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="62"/>
        <source>Team fingerprint: none yet (this desktop&apos;s team key is from before signed copies)</source>
        <translation>Team-Fingerabdruck: noch keiner (der Team-Schlüssel dieses Computers stammt aus der Zeit vor signierten Kopien)</translation>
    </message>
</context>
<context>
    <name>TeamWorkspacesCard</name>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="78"/>
        <source>Workspaces</source>
        <translation>Arbeitsbereiche</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="80"/>
        <source>Workspaces and where they are stored</source>
        <translation>Arbeitsbereiche und wo sie gespeichert sind</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="81"/>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="81"/>
        <source>Stored in</source>
        <translation>Gespeichert in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="90"/>
        <source>Team database ({team})</source>
        <translation>Team-Datenbank ({team})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="92"/>
        <source>This computer (local)</source>
        <translation>Dieser Computer (lokal)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/team_status.py" line="94"/>
        <source>This computer (local), not open while this desktop is in a team</source>
        <translation>Dieser Computer (lokal), nicht geöffnet, solange dieser Computer zu einem Team gehört</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="73"/>
        <source>Socialdesk</source>
        <translation>Socialdesk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="87"/>
        <source>@{username} in {workspace}</source>
        <translation>@{username} in {workspace}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="92"/>
        <source>Instagram no longer accepts this connection. Reconnect to sign in again.</source>
        <translation>Instagram akzeptiert diese Verbindung nicht mehr. Verbinden Sie neu, um sich erneut anzumelden.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="94"/>
        <source>Instagram account needs reconnecting</source>
        <translation>Instagram-Konto muss neu verbunden werden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="97"/>
        <source>A permission is missing. Reconnect and leave all boxes checked.</source>
        <translation>Eine Berechtigung fehlt. Verbinden Sie neu und lassen Sie alle Häkchen gesetzt.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="99"/>
        <source>Instagram permission missing</source>
        <translation>Instagram-Berechtigung fehlt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="102"/>
        <source>{who}: Socialdesk could not renew access, which ends on {date}. It keeps trying; if this goes on, check your network or reconnect the account.</source>
        <translation>{who}: Socialdesk konnte den Zugriff nicht erneuern, er endet am {date}. Socialdesk versucht es weiter; hält das an, prüfen Sie Ihr Netzwerk oder verbinden Sie das Konto neu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/notifications.py" line="105"/>
        <source>Instagram access ends soon</source>
        <translation>Instagram-Zugriff endet bald</translation>
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
        <translation>Jede Meldung, die Socialdesk zeigen kann, ihr Code und ihre Bedeutung</translation>
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
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/troubleshooting.py" line="67"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/troubleshooting.py" line="82"/>
        <source>“{message}”</source>
        <comment>the message as quoted in the table</comment>
        <translation>„{message}“</translation>
    </message>
</context>
<context>
    <name>TrustCard</name>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="57"/>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="69"/>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="106"/>
        <source>Let your browser trust Socialdesk&apos;s local address</source>
        <extracomment>The browser stores asked; the user&apos;s own unless given (made once the CA is attached).</extracomment>
        <translation>Ihren Browser der lokalen Adresse von Socialdesk vertrauen lassen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="77"/>
        <source>When Instagram sends you back, your browser opens https://localhost, an address on this computer only. Socialdesk made its own certificate for it, signed by a certificate authority that can vouch for nothing but this computer (localhost, 127.0.0.1 and ::1): even if it leaked, no browser would accept it for any real website.</source>
        <translation>Wenn Instagram Sie zurückschickt, öffnet Ihr Browser https://localhost, eine Adresse nur auf diesem Computer. Socialdesk hat dafür ein eigenes Zertifikat erstellt, signiert von einer Zertifizierungsstelle, die für nichts außer diesem Computer bürgen kann (localhost, 127.0.0.1 und ::1): Selbst wenn sie bekannt würde, würde kein Browser sie für eine echte Website akzeptieren.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="88"/>
        <source>Trusting it adds that one certificate to your browsers&apos; certificate stores (Chrome and Chromium, and each Firefox profile), so they open the address without a warning. Nothing else is installed, and Remove takes it out of every store it was added to.</source>
        <translation>Vertrauen fügt genau dieses eine Zertifikat den Zertifikatsspeichern Ihrer Browser hinzu (Chrome und Chromium sowie jedes Firefox-Profil), sodass sie die Adresse ohne Warnung öffnen. Sonst wird nichts installiert, und „Entfernen“ nimmt es aus jedem Speicher wieder heraus, dem es hinzugefügt wurde.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="96"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="105"/>
        <source>Trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="108"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="109"/>
        <source>Remove Socialdesk&apos;s certificate from your browsers</source>
        <translation>Zertifikat von Socialdesk aus Ihren Browsern entfernen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="134"/>
        <source>Not available.</source>
        <translation>Nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="163"/>
        <source>No secure keychain: this certificate lasts only until Socialdesk quits, and a new one is made next time, so trusting it now helps only this session.</source>
        <translation>Kein sicherer Schlüsselbund: Dieses Zertifikat gilt nur bis zum Beenden von Socialdesk, beim nächsten Mal entsteht ein neues; ihm jetzt zu vertrauen, hilft also nur in dieser Sitzung.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="167"/>
        <source>Your browsers trust Socialdesk&apos;s local address.</source>
        <translation>Ihre Browser vertrauen der lokalen Adresse von Socialdesk.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="169"/>
        <source>Not trusted yet: the browser will show a certificate warning when you connect.</source>
        <translation>Noch nicht vertraut: Der Browser zeigt beim Verbinden eine Zertifikatswarnung.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="178"/>
        <source>Optional, for other programs (needs root; Socialdesk never runs it):</source>
        <translation>Optional, für andere Programme (braucht root; Socialdesk führt das nie aus):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="182"/>
        <source>trusts it</source>
        <translation>vertraut ihm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="183"/>
        <source>does not trust it</source>
        <translation>vertraut ihm nicht</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="184"/>
        <source>cannot be checked</source>
        <translation>lässt sich nicht prüfen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="190"/>
        <source>Fingerprint (SHA-256): %1</source>
        <translation>Fingerabdruck (SHA-256): %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="202"/>
        <source>Something went wrong.</source>
        <translation>Etwas ist schiefgegangen.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="212"/>
        <source>Adding…</source>
        <translation>Wird hinzugefügt…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/trust_card.py" line="212"/>
        <source>Removing…</source>
        <translation>Wird entfernt…</translation>
    </message>
</context>
<context>
    <name>WayChooser</name>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="59"/>
        <source>How to connect</source>
        <translation>Wie verbinden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="65"/>
        <source>Sign in with Instagram</source>
        <translation>Mit Instagram anmelden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="68"/>
        <source>Sign in with Facebook</source>
        <translation>Mit Facebook anmelden</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="72"/>
        <source>One account: you sign in as that Instagram account.</source>
        <translation>Ein Konto: Sie melden sich als dieses Instagram-Konto an.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="78"/>
        <source>The accounts linked to Facebook Pages you manage, several at once, no Instagram password.</source>
        <translation>Die mit Ihren Facebook-Seiten verknüpften Konten, mehrere auf einmal, ohne Instagram-Passwort.</translation>
    </message>
</context>
<context>
    <name>WorkspaceBar</name>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="40"/>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="44"/>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="42"/>
        <source>Workspace:</source>
        <translation>Arbeitsbereich:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="45"/>
        <source>Workspaces</source>
        <translation>Arbeitsbereiche</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="54"/>
        <source>New workspace…</source>
        <translation>Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="57"/>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="57"/>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="204"/>
        <source>Rename workspace</source>
        <translation>Arbeitsbereich umbenennen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="75"/>
        <source>Team workspace: stored in the database of team {team}</source>
        <translation>Team-Arbeitsbereich: in der Datenbank des Teams {team} gespeichert</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="77"/>
        <source>Local workspace: stored on this computer only</source>
        <translation>Lokaler Arbeitsbereich: nur auf diesem Computer gespeichert</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="80"/>
        <source>Team: {team}</source>
        <translation>Team: {team}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="80"/>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="192"/>
        <source>New workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="193"/>
        <source>Name of the new workspace:</source>
        <translation>Name des neuen Arbeitsbereichs:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_bar.py" line="205"/>
        <source>New name for “{name}”:</source>
        <translation>Neuer Name für „{name}“:</translation>
    </message>
</context>
<context>
    <name>WorkspaceNameDialog</name>
    <message>
        <location filename="../../desktop/ui/integrations/workspace_dialog.py" line="35"/>
        <source>Workspace name</source>
        <extracomment>The name to save; the dialog waits for :meth:`saved` or :meth:`show_error`.</extracomment>
        <translation>Name des Arbeitsbereichs</translation>
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
    <name>_CandidateRow</name>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="138"/>
        <source>Connect @{username} (Page {page})</source>
        <translation>@{username} verbinden (Seite {page})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="143"/>
        <source>Profile picture of @{username}</source>
        <translation>Profilbild von @{username}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="148"/>
        <source>Page: {page}</source>
        <translation>Seite: {page}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="150"/>
        <source>Page: {page}, through {business}</source>
        <translation>Seite: {page}, über {business}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/integrations/facebook_picker.py" line="154"/>
        <source>{page} · already connected: its access is renewed</source>
        <translation>{page} · bereits verbunden: der Zugriff wird erneuert</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../desktop/ui/crash.py" line="37"/>
        <source>Socialdesk ran into a problem</source>
        <translation>Socialdesk ist auf ein Problem gestoßen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crash.py" line="39"/>
        <source>Something went wrong inside Socialdesk ({kind}). Your connections and settings are safe.</source>
        <translation>In Socialdesk ist etwas schiefgegangen ({kind}). Ihre Verbindungen und Einstellungen sind sicher.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crash.py" line="44"/>
        <source>the log folder</source>
        <translation>den Protokollordner</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crash.py" line="46"/>
        <source>Details were written to {where}. If it keeps happening, send that file to support.</source>
        <translation>Die Details wurden in {where} geschrieben. Passiert es wieder, senden Sie diese Datei an den Support.</translation>
    </message>
</context>
</TS>
