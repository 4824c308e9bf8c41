; 政府信息公开年报编辑器 for Windows: the installer dist/gik-editor-<VERSION>-setup.exe (docs/packaging.md).
; Built by tools/build-windows.sh with makensis, which passes:
;   VERSION    gik_editor/version.py's VERSION (0.1.0)     VERSION4   the same as four numbers (0.1.0.0)
;   PUBLISHER  gik_editor/version.py's PUBLISHER           SRCDIR     the built folder dist/windows/gik-editor
;   ICON       resources/icons/gik-editor.ico              NOTICES    THIRD-PARTY-NOTICES as UTF-16 (for the page)
;   OUTFILE    the installer to write
; Clerks have no administrator rights: the default installs for the current user only, into
; %LOCALAPPDATA%\Programs\gik-editor, with no UAC prompt. An administrator (the IT person) is asked
; whether to install for all users (Program Files, shortcuts and file type for everybody).
; Silent: setup.exe /S [/CurrentUser | /AllUsers] [/D=folder]; uninstall.exe /S.

Unicode true
Target amd64-unicode                  ; 64-bit stub: Wine without 32-bit support runs it, and so does every Windows 10/11 PC
SetCompressor /SOLID lzma
SetCompressorDictSize 64
ManifestDPIAware true

!define NAME "政府信息公开年报编辑器"
!define APPID "gik-editor"
!define PROGID "GikEditor.Report"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"
!define SETTINGS_KEY "Software\${APPID}"

Name "${NAME}"
OutFile "${OUTFILE}"
BrandingText "${NAME} ${VERSION}"

; --- current user by default, all users on request (MultiUser.nsh) ---
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${APPID}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${SETTINGS_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${SETTINGS_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!include MultiUser.nsh
!include MUI2.nsh
!include x64.nsh

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

; The notices are shown, not agreed to: one 下一步 button.
!define MUI_PAGE_HEADER_TEXT "第三方软件声明"
!define MUI_PAGE_HEADER_SUBTEXT "本程序包含的第三方软件及其许可"
!define MUI_LICENSEPAGE_TEXT_TOP "许可证全文在安装目录的 licenses 文件夹中。"
!define MUI_LICENSEPAGE_BUTTON "下一步(&N) >"
!define MUI_LICENSEPAGE_TEXT_BOTTOM "点击“下一步”继续。"
!insertmacro MUI_PAGE_LICENSE "${NOTICES}"
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\gik-editor.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${NAME}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "© ${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${NAME} ${VERSION} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${NAME}需要 64 位 Windows 10 或 11。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "${NAME}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An update replaces the program's own files, never anything else in the folder.
  RMDir /r "$INSTDIR\_internal"
  File /r "${SRCDIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu and desktop (for all users when installed for all users: MultiUser sets the context).
  CreateShortcut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\gik-editor.exe" "" "$INSTDIR\gik-editor.exe" 0
  CreateShortcut "$DESKTOP\${NAME}.lnk" "$INSTDIR\gik-editor.exe" "" "$INSTDIR\gik-editor.exe" 0

  ; .gik reports open in the editor and show its icon.
  WriteRegStr SHCTX "Software\Classes\.gik" "" "${PROGID}"
  WriteRegStr SHCTX "Software\Classes\.gik" "Content Type" "application/x-gik-report"
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "政府信息公开年报"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\_internal\resources\icons\gik-editor.ico"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\gik-editor.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'   ; SHCNE_ASSOCCHANGED

  ; 控制面板 → 程序和功能
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\gik-editor.exe"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegStr SHCTX "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${SETTINGS_KEY}" "InstallMode" "$MultiUser.InstallMode"
SectionEnd

; Removes exactly what the installer put there. The user's reports (.gik, exported PDF/Excel/Word),
; wherever they are, even inside the program's folder, and the editor's settings stay.
Section "Uninstall"
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\licenses"
  Delete "$INSTDIR\gik-editor.exe"
  Delete "$INSTDIR\gik-editor-cli.exe"
  Delete "$INSTDIR\THIRD-PARTY-NOTICES.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"                      ; only when empty

  Delete "$SMPROGRAMS\${NAME}.lnk"
  Delete "$DESKTOP\${NAME}.lnk"

  ; The file type only while it is still ours (another program may have taken .gik since).
  ReadRegStr $0 SHCTX "Software\Classes\.gik" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey SHCTX "Software\Classes\.gik"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DeleteRegKey SHCTX "${SETTINGS_KEY}"
SectionEnd
