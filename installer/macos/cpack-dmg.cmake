# macOS disk image. Not built on the Debian development machines; see installer/README.md.
# Before running cpack, deploy Qt into the bundle:
#   macdeployqt <install prefix>/segmenta.app
set(CPACK_DMG_VOLUME_NAME "Segmenta")
set(CPACK_DMG_FORMAT UDZO)
set(MACOSX_BUNDLE_BUNDLE_NAME Segmenta)
set(MACOSX_BUNDLE_GUI_IDENTIFIER io.segmenta.Segmenta)
set(MACOSX_BUNDLE_INFO_PLIST "${CMAKE_CURRENT_LIST_DIR}/Info.plist.in")
