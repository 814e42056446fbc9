; Inno Setup script: a Windows installer (setup.exe) from the bundle that
; `py packaging\build.py` leaves in dist\medlemsvard\. Build with Inno Setup 6:
;   iscc /DAppVersion=0.1.0 packaging\windows\medlemsvard.iss
; It installs for the current user (no administrator rights asked; a volunteer's laptop is
; often someone else's), adds a Start menu entry and optionally a desktop icon, and an
; uninstaller. The association's file and backups live in the user's AppData and are
; never touched by uninstalling.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6D1E8C0B-2E55-4C36-9B5B-4D2C7A1F0E11}
AppName=Medlemsvård
AppVersion={#AppVersion}
AppPublisher=Medlemsvård
DefaultDirName={autopf}\Medlemsvard
DefaultGroupName=Medlemsvård
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=medlemsvard-{#AppVersion}-windows-setup
SetupIconFile=..\..\build\icons\medlemsvard.ico
UninstallDisplayIcon={app}\medlemsvard.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"
Name: "nb"; MessagesFile: "compiler:Languages\Norwegian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\medlemsvard\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Medlemsvård"; Filename: "{app}\medlemsvard.exe"
Name: "{group}\{cm:UninstallProgram,Medlemsvård}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Medlemsvård"; Filename: "{app}\medlemsvard.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\medlemsvard.exe"; Description: "{cm:LaunchProgram,Medlemsvård}"; Flags: nowait postinstall skipifsilent
