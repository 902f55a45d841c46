@echo off
rem The technician CLI, run by the panel's own Electron binary in Node mode.
rem Exit codes: 0 done, 1 driver failure or cancel, 2 usage, 3 unknown alias, 3010 restart needed.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0Multimedia Drivers Panel.exe" "%~dp0resources\app.asar.unpacked\dist\main\cli.js" %*
exit /b %ERRORLEVEL%
