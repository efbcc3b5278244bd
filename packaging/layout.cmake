# The files every artefact installs beside bin/awesome-ls, in the same relative layout (the
# binary finds its rule documentation at <exe dir>/../share/doc/awesome-ls/rules.md). Included
# by the top-level CMakeLists.txt (cmake --install) and by packaging/CMakeLists.txt (the
# release artefacts), so both install the same files.
set(_awesome_root ${CMAKE_CURRENT_LIST_DIR}/..)
install(FILES
  ${_awesome_root}/docs/rules.md ${_awesome_root}/docs/cli.md ${_awesome_root}/docs/editors.md
  ${_awesome_root}/docs/format.md ${_awesome_root}/docs/install.md ${_awesome_root}/README.md
  ${CMAKE_CURRENT_LIST_DIR}/copyright
  DESTINATION share/doc/awesome-ls)
install(FILES ${_awesome_root}/docs/awesome-ls.schema.json DESTINATION share/awesome-ls)
