; 驻村台账 Zhucun — Windows installer (Inno Setup 6.3 or newer).
;
; Built by packaging\windows\build.ps1, which passes the version and the PyInstaller output:
;   iscc /DAppVersion=0.1.0 /DSourceDir=C:\...\dist\zhucun /OC:\...\dist\installer packaging\windows\zhucun.iss
;
; Saved as UTF-8 with a BOM, so every Inno Setup 6 reads the Chinese text right.
;
; What it does:
;   * installs the one-folder build (dist\zhucun: zhucun.exe and _internal\) under Program Files\Zhucun;
;   * a Start-menu shortcut "驻村台账", and a desktop shortcut when the user ticks the box;
;   * upgrades in place: the AppId below never changes, so a newer installer finds the old installation,
;     replaces the program files (the old _internal\ is removed first, so no stale module survives) and
;     keeps the folder and the shortcuts.
;
; THE USER'S DATA IS NEVER TOUCHED. The ledger, keys, photos, backups and logs live in the user's data
; folder %LOCALAPPDATA%\zhucun (or wherever --home / ZHUCUN_HOME points), never in the program folder.
; This script installs, replaces and deletes only files under {app}. No [InstallDelete],
; [UninstallDelete], [Files] or [Dirs] entry may ever name {localappdata}, {userappdata}, {userdocs} or
; the data folder: not on install, not on upgrade, not on uninstall. The [Code] below only names it in
; the message that tells the user, after an uninstall, where the data stayed.
; (tests/packaging/test_installer_script.py checks this.)

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\zhucun"
#endif
#define AppName "驻村台账"
#define AppExe "zhucun.exe"

[Setup]
; Never change the AppId: it is how an upgrade recognises the installed program.
AppId={{667A8BCA-A7D0-4D2D-8D17-F0BEF24F9C1E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} Zhucun {#AppVersion}
AppPublisher=Zhucun
VersionInfoVersion={#AppVersion}
VersionInfoProductName=Zhucun 驻村台账
DefaultDirName={autopf}\Zhucun
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
; Program Files needs administrator rights; the app itself runs as the user and writes only to the
; user's own data folder.
PrivilegesRequired=admin
; Qt 6 runs on 64-bit Windows 10 1809 or newer only.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
; close a running Zhucun (Restart Manager) before replacing its files; do not restart it afterwards
CloseApplications=yes
RestartApplications=no
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} Zhucun
OutputBaseFilename=zhucun-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
#if FileExists(AddBackslash(SourcePath) + "..\..\resources\icons\zhucun.ico")
SetupIconFile=..\..\resources\icons\zhucun.ico
#endif

[Languages]
; Simplified Chinese ships with Inno Setup (Languages\ in newer releases, Languages\Unofficial\ in
; older ones); English is the fall-back.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(CompilerPath + "Languages\Unofficial\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\Unofficial\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
DataKept=驻村台账已卸载。您的台账数据（数据库、密钥、照片、备份）没有删除，仍保存在：
DataKeptEn=The program was removed; your ledger data was kept in:

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Upgrade in place: clear the previous version's program files first. Only {app}, never user data.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "驻村台账 Zhucun"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "驻村台账 Zhucun"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallDelete]
; Only the program folder itself (empty by now unless something wrote into it). Never user data.
Type: dirifempty; Name: "{app}"

[Code]
// Tell the user where the data stayed; nothing here deletes or moves it.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(CustomMessage('DataKept') + #13#10 + CustomMessage('DataKeptEn') + #13#10#13#10 +
      ExpandConstant('{localappdata}') + '\zhucun', mbInformation, MB_OK);
end;
