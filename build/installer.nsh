; Included by electron-builder's NSIS script (build/installer.nsh is picked up by name).
; The panel keeps one machine-wide state file (quarantine records, restart requirements,
; probe results) in ProgramData, shared by the app and the CLI of every user. ProgramData
; lets each user change only the files they created, so the installer, which runs
; elevated, creates the folder and lets the local Users group modify what is in it; but
; not the folder itself (inherit-only), so that no user can rename it and put another
; in its place.
; The change journal and the driver files it keeps say what an elevated process writes
; where, so they live in the subfolder Changes, which only Administrators and SYSTEM may
; change and Users may read (History… lists it without rights); it inherits nothing from
; the shared folder. The panel refuses a Changes folder that anyone else may write, and
; creates it so when it is missing (main/changes/changesFolder.ts).
!macro customInstall
  SetShellVarContext all
  CreateDirectory "$APPDATA\Multimedia Drivers Panel"
  nsExec::ExecToLog 'icacls "$APPDATA\Multimedia Drivers Panel" /setowner *S-1-5-32-544 /Q'
  Pop $0
  ; An earlier version granted Users Modify on the folder itself: that grant goes first.
  nsExec::ExecToLog 'icacls "$APPDATA\Multimedia Drivers Panel" /remove:g *S-1-5-32-545 /Q'
  Pop $0
  nsExec::ExecToLog 'icacls "$APPDATA\Multimedia Drivers Panel" /grant *S-1-5-32-545:(OI)(CI)(IO)M *S-1-5-32-545:(RX) *S-1-5-32-545:(WD,AD) /Q'
  Pop $0
  CreateDirectory "$APPDATA\Multimedia Drivers Panel\Changes"
  nsExec::ExecToLog 'icacls "$APPDATA\Multimedia Drivers Panel\Changes" /setowner *S-1-5-32-544 /T /Q'
  Pop $0
  nsExec::ExecToLog 'icacls "$APPDATA\Multimedia Drivers Panel\Changes" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /T /Q'
  Pop $0
!macroend
