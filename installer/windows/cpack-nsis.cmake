# Windows installer (NSIS). Not built on the Debian development machines; see installer/README.md.
# Before running cpack, deploy Qt next to the executable:
#   windeployqt --release --no-compiler-runtime <install prefix>/bin/segmenta.exe
set(CPACK_NSIS_DISPLAY_NAME "Segmenta")
set(CPACK_NSIS_PACKAGE_NAME "Segmenta")
set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/icons/segmenta.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\segmenta.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_CREATE_ICONS_EXTRA "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Segmenta.lnk' '$INSTDIR\\\\bin\\\\segmenta.exe'")
# File associations: .segmenta workspaces open in Segmenta.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "
  WriteRegStr HKCR '.segmenta' '' 'Segmenta.Workspace'
  WriteRegStr HKCR 'Segmenta.Workspace' '' 'Segmenta workspace'
  WriteRegStr HKCR 'Segmenta.Workspace\\\\shell\\\\open\\\\command' '' '\\\"$INSTDIR\\\\bin\\\\segmenta.exe\\\" \\\"%1\\\"'
")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "
  DeleteRegKey HKCR '.segmenta'
  DeleteRegKey HKCR 'Segmenta.Workspace'
")
