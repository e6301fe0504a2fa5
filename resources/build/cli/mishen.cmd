@echo off
rem mishen: the MiShen command line, run by the app binary (the RunAsNode fuse is off).
"%~dp0..\..\MiShen.exe" --mishen-cli -- %*
exit /b %ERRORLEVEL%
