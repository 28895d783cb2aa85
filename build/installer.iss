; Inno Setup 6 script of the SKM Desktop installer.
; Built by build\build-windows.ps1 after PyInstaller:
;   ISCC.exe /DAppVersion=0.1.0 build\installer.iss  ->  build\dist\SKM-Desktop-0.1.0-setup.exe
; Installs per user by default (no administrator needed on office PCs; the
; installer offers "all users" when run as administrator), with Start menu and
; optional desktop shortcuts, and an uninstaller. Uninstalling never deletes
; the user's data (%APPDATA%\SKM Desktop: database, backups, logs).

#define AppName "SKM Desktop"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "SKM Desktop.exe"

[Setup]
AppId={{6F3B2C1A-8E4D-4B7A-9C2E-5D1F0A7B3E94}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SKM Desktop
AppComments=Survei Kepuasan Masyarakat (PermenPAN-RB 14/2017), luring
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=dist
OutputBaseFilename=SKM-Desktop-{#AppVersion}-setup
SetupIconFile=..\resources\icons\skm-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
VersionInfoVersion={#AppVersion}

[Languages]
; Inno Setup ships no official Indonesian translation: the English base with the
; screens an operator sees translated below.
Name: "id"; MessagesFile: "compiler:Default.isl"

[Messages]
SetupAppTitle=Pemasangan
SetupWindowTitle=Pemasangan %1
UninstallAppTitle=Penghapusan
UninstallAppFullTitle=Penghapusan %1
ButtonBack=< &Kembali
ButtonNext=&Lanjut >
ButtonInstall=&Pasang
ButtonOK=OK
ButtonCancel=Batal
ButtonYes=&Ya
ButtonNo=&Tidak
ButtonFinish=&Selesai
ButtonBrowse=&Telusuri...
ButtonWizardBrowse=T&elusuri...
ExitSetupTitle=Keluar dari Pemasangan
ExitSetupMessage=Pemasangan belum selesai. Bila keluar sekarang, program tidak terpasang.%n%nAnda dapat menjalankan pemasangan lagi kapan saja.%n%nKeluar dari pemasangan?
WelcomeLabel1=Selamat datang di pemasangan [name]
WelcomeLabel2=Program ini akan memasang [name/ver] di komputer Anda.%n%nSebaiknya tutup aplikasi lain sebelum melanjutkan.
WizardSelectDir=Pilih Lokasi Pemasangan
SelectDirDesc=Di mana [name] akan dipasang?
SelectDirLabel3=[name] akan dipasang di folder berikut.
SelectDirBrowseLabel=Klik Lanjut untuk melanjutkan. Untuk memilih folder lain, klik Telusuri.
DiskSpaceMBLabel=Diperlukan ruang kosong minimal [mb] MB.
WizardSelectTasks=Pilih Tugas Tambahan
SelectTasksDesc=Tugas tambahan apa yang perlu dilakukan?
SelectTasksLabel2=Pilih tugas tambahan untuk pemasangan [name], lalu klik Lanjut.
WizardReady=Siap Memasang
ReadyLabel1=Pemasangan [name] siap dimulai.
ReadyLabel2a=Klik Pasang untuk memulai, atau Kembali untuk mengubah pilihan.
ReadyLabel2b=Klik Pasang untuk memulai.
WizardInstalling=Memasang
InstallingLabel=Tunggu sebentar, [name] sedang dipasang.
FinishedHeadingLabel=Pemasangan [name] selesai
FinishedLabelNoIcons=[name] sudah terpasang di komputer Anda.
FinishedLabel=[name] sudah terpasang. Program dapat dibuka dari pintasan yang dibuat.
ClickFinish=Klik Selesai untuk menutup pemasangan.
StatusExtractFiles=Menyalin berkas...
StatusCreateIcons=Membuat pintasan...
StatusUninstalling=Menghapus %1...
ConfirmUninstall=Hapus %1 dari komputer ini?%n%nData survei (basis data, cadangan, catatan) TIDAK ikut dihapus.
UninstalledAll=%1 sudah dihapus dari komputer ini.
WizardUninstalling=Status Penghapusan
UninstallStatusLabel=Tunggu sebentar, %1 sedang dihapus.
PrivilegesRequiredOverrideTitle=Pilih Cara Pemasangan
PrivilegesRequiredOverrideInstruction=Pilih cara pemasangan
PrivilegesRequiredOverrideText1=%1 dapat dipasang untuk semua pengguna (perlu hak administrator) atau hanya untuk Anda.
PrivilegesRequiredOverrideText2=%1 dapat dipasang hanya untuk Anda, atau untuk semua pengguna (perlu hak administrator).
PrivilegesRequiredOverrideAllUsers=Untuk &semua pengguna
PrivilegesRequiredOverrideAllUsersRecommended=Untuk &semua pengguna (disarankan)
PrivilegesRequiredOverrideCurrentUser=Hanya untuk &saya
PrivilegesRequiredOverrideCurrentUserRecommended=Hanya untuk &saya (disarankan)
SetupAlreadyRunning=Pemasangan sudah berjalan.
WindowsVersionNotSupported=Program ini memerlukan Windows 10 atau yang lebih baru.
CloseApplicationsLabel=SKM Desktop sedang terbuka. Tutup dulu agar pemasangan dapat memperbarui program (data tetap aman).

[CustomMessages]
id.DesktopIcon=Buat pintasan di &Desktop
id.ExtraIcons=Pintasan tambahan:
id.RunApp=Buka SKM Desktop sekarang
id.UninstallShortcut=Hapus SKM Desktop

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:ExtraIcons}"

[Files]
Source: "dist\skm-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an update replaces the program folder completely (stale libraries of an older build)
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallShortcut}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:RunApp}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folder on purpose: questionnaires are never
; deleted by uninstalling or reinstalling.
