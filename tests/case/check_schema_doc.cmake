# check_schema_doc.cmake -- docs/case-keys.md must be exactly what `fvcell schema` prints, so the
# key reference cannot go stale.  Regenerate with: build/fvcell schema > docs/case-keys.md
#   cmake -DFVCELL=... -DDOC=... -P check_schema_doc.cmake
execute_process(COMMAND ${FVCELL} schema RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fvcell schema failed (${rc}):\n${err}")
endif()
file(READ ${DOC} doc)
if(NOT out STREQUAL doc)
  message(FATAL_ERROR "${DOC} differs from `fvcell schema`: regenerate it with\n"
                      "  build/fvcell schema > docs/case-keys.md")
endif()
