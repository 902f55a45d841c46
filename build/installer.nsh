; Included by electron-builder's NSIS script (build/installer.nsh is picked up by name).
; The panel keeps one machine-wide state file (quarantine records, restart requirements,
; probe results) in ProgramData, shared by the app and the CLI of every user. ProgramData
; lets each user change only the files they created, so the installer, which runs
; elevated, creates the folder and lets the local Users group modify what is in it.
!macro customInstall
  SetShellVarContext all
  CreateDirectory "$APPDATA\Multimedia Drivers Panel"
  nsExec::ExecToLog 'icacls "$APPDATA\Multimedia Drivers Panel" /grant *S-1-5-32-545:(OI)(CI)M /T /Q'
  Pop $0
!macroend
