# check_bad_case.cmake -- run `fvcell check CASE [ARGS...]` and assert how it ends.
#
#   cmake -DFVCELL=... -DCASE=... [-DARGS="-opt|value|..."] [-DEXPECT="text|text|..."] [-DOK=1]
#         -P check_bad_case.cmake
# Bad input (default): the exit code must be 1 (not 0, not a signal), stderr must hold every
# EXPECT fragment (file name, key, ...) on ONE line, and no PETSc error traceback.
# OK=1: the case must pass (exit 0, empty stderr): the control for the harness itself.
# Lists are '|'-separated so values may hold spaces and semicolons-free text.
if(NOT FVCELL OR NOT CASE)
  message(FATAL_ERROR "check_bad_case.cmake: FVCELL and CASE are required")
endif()
string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "|" ";" expect "${EXPECT}")
execute_process(COMMAND ${FVCELL} check ${CASE} ${args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(STRIP "${err}" err_stripped)
set(cmd "fvcell check ${CASE} ${args}")
if(NOT rc MATCHES "^[0-9]+$")
  message(FATAL_ERROR "${cmd}: crashed (${rc})\nstderr:\n${err}")
endif()
if(OK)
  if(NOT rc EQUAL 0 OR NOT err_stripped STREQUAL "")
    message(FATAL_ERROR "${cmd}: a valid case was refused (exit ${rc})\nstderr:\n${err}")
  endif()
  return()
endif()
if(rc EQUAL 0)
  message(FATAL_ERROR "${cmd}: a bad case was accepted\nstdout:\n${out}")
endif()
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "${cmd}: exit code ${rc}, expected 1\nstderr:\n${err}")
endif()
if(err MATCHES "PETSC ERROR" OR err MATCHES "Traceback" OR err MATCHES "Caught signal")
  message(FATAL_ERROR "${cmd}: stderr has a PETSc error traceback or a signal:\n${err}")
endif()
if(err_stripped STREQUAL "")
  message(FATAL_ERROR "${cmd}: failed without a message")
endif()
if(err_stripped MATCHES "\n")
  message(FATAL_ERROR "${cmd}: expected ONE message line on stderr, got:\n${err}")
endif()
foreach(s IN LISTS expect)
  string(FIND "${err}" "${s}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "${cmd}: stderr lacks \"${s}\":\n${err}")
  endif()
endforeach()
message(STATUS "${cmd}: refused as expected: ${err_stripped}")
