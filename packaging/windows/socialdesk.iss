; Inno Setup script for Socialdesk: a per-user or per-machine install of the one-folder bundle.
; packaging/build.py compiles it on Windows, passing the values below with /D:
;   ISCC.exe /DAppVersion=0.1.0 /DAppId=io.socialdesk.Socialdesk /DSourceDir=build\package\dist\Socialdesk
;            /DSetupIcon=build\package\icons\socialdesk.ico /DOutputDir=build\package
;            /DOutputBaseFilename=Socialdesk-0.1.0-windows-setup packaging\windows\socialdesk.iss

#ifndef AppVersion
  #error AppVersion must be defined (/DAppVersion=...)
#endif
#ifndef SourceDir
  #error SourceDir must be defined (/DSourceDir=...)
#endif
#ifndef AppId
  #define AppId "io.socialdesk.Socialdesk"
#endif
#ifndef OutputDir
  #define OutputDir "."
#endif
#ifndef OutputBaseFilename
  #define OutputBaseFilename "Socialdesk-" + AppVersion + "-windows-setup"
#endif

[Setup]
; AppId must never change between releases: upgrades and uninstall find the installed copy by it.
AppId={#AppId}
AppName=Socialdesk
AppVersion={#AppVersion}
AppVerName=Socialdesk {#AppVersion}
AppPublisher=Socialdesk
AppPublisherURL=https://socialdesk.io
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Socialdesk
DefaultGroupName=Socialdesk
DisableProgramGroupPage=yes
; Managers often have no admin rights: install for the current user unless they choose otherwise.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename={#OutputBaseFilename}
#ifdef SetupIcon
SetupIconFile={#SetupIcon}
#endif
UninstallDisplayIcon={app}\Socialdesk.exe
UninstallDisplayName=Socialdesk
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
; Signing: define SignTool in the Inno Setup IDE or with /S (see packaging/README.md), then uncomment.
; SignTool=socialdesk
; SignedUninstaller=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Socialdesk"; Filename: "{app}\Socialdesk.exe"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\Socialdesk"; Filename: "{app}\Socialdesk.exe"; Tasks: desktopicon; AppUserModelID: "{#AppId}"

[Run]
Filename: "{app}\Socialdesk.exe"; Description: "{cm:LaunchProgram,Socialdesk}"; Flags: nowait postinstall skipifsilent

; Settings, the database and logs live in the user's AppData and stay on uninstall, like the keychain
; entries: removing them is the user's choice (Settings -> About shows the folders).
