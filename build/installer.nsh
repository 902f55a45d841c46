; Included by electron-builder's NSIS script (build/installer.nsh is picked up by name).
;
; The panel keeps one machine-wide state file (quarantine records, restart requirements,
; probe results) in ProgramData, shared by the app and the CLI of every user. ProgramData
; lets each user change only the files they created, so the installer, which runs
; elevated, lets the local Users group modify what is in the folder; but not the folder
; itself (inherit-only), so that no user can rename it and put another in its place.
;
; The change journal and the driver files it keeps say what an elevated process writes
; where, so they live in the subfolder Changes, which only Administrators and SYSTEM may
; change and Users may read (History… lists it without rights); it inherits nothing from
; the shared folder. The panel refuses a Changes folder that anyone else owns or may
; write, or anything in it that is so (main/changes/changesFolder.ts), and creates it so
; when it is missing.
;
; A user may have made either folder before this installer ran (ProgramData lets them),
; or, with an earlier version, replaced the shared one: a link or junction there is
; refused rather than followed (icacls would change its target), every other account's
; own entries are dropped (/reset), and the owner becomes Administrators.

!include "LogicLib.nsh"

!macro panelRefuseLink PATH
  System::Call 'kernel32::GetFileAttributesW(w "${PATH}") i .r0'
  ${If} $0 != -1
    IntOp $1 $0 & 0x400 ; FILE_ATTRIBUTE_REPARSE_POINT
    ${If} $1 != 0
      Abort "${PATH} is a link or junction, which someone other than the installer put there. Remove it and install again."
    ${EndIf}
  ${EndIf}
!macroend

!macro panelIcacls ARGS
  nsExec::ExecToLog 'icacls ${ARGS}'
  Pop $0
  ${If} $0 != 0
    DetailPrint `icacls ${ARGS} ended with $0`
    Abort "The panel's folder in ProgramData could not be secured (icacls ended with $0; the details say which step)."
  ${EndIf}
!macroend

!macro customInstall
  SetShellVarContext all
  !insertmacro panelRefuseLink "$APPDATA\Multimedia Drivers Panel"
  !insertmacro panelRefuseLink "$APPDATA\Multimedia Drivers Panel\Changes"
  CreateDirectory "$APPDATA\Multimedia Drivers Panel\Changes"
  ; The administrators' folder first, so that it never inherits what Users may do in the shared one.
  !insertmacro panelIcacls '"$APPDATA\Multimedia Drivers Panel\Changes" /setowner *S-1-5-32-544 /T /C /L /Q'
  !insertmacro panelIcacls '"$APPDATA\Multimedia Drivers Panel\Changes" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /L /Q'
  !insertmacro panelIcacls '"$APPDATA\Multimedia Drivers Panel" /setowner *S-1-5-32-544 /L /Q'
  !insertmacro panelIcacls '"$APPDATA\Multimedia Drivers Panel" /reset /L /Q'
  !insertmacro panelIcacls '"$APPDATA\Multimedia Drivers Panel" /grant *S-1-5-32-545:(OI)(CI)(IO)M *S-1-5-32-545:(RX) *S-1-5-32-545:(WD,AD) /L /Q'
!macroend
