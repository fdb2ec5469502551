# check_bad_option.cmake -- run `fvcell run CASE ARGS...` with a bad integrator option and assert
# that it is refused: a non-zero exit code (not a signal) and one line on stderr holding every
# EXPECT fragment (the option, the value, what was expected). Other lines may come before it (a
# loaded machine makes Open MPI warn about its shared-memory files) or after it (the callers'
# traceback).
#
#   cmake -DFVCELL=... -DCASE=... -DARGS="-opt|value|..." -DEXPECT="text|text|..." -DOUT=file.nc
#         -P check_bad_option.cmake
# The refusal comes before the first time step, so the case's protocol never runs.
if(NOT FVCELL OR NOT CASE OR NOT OUT)
  message(FATAL_ERROR "check_bad_option.cmake: FVCELL, CASE and OUT are required")
endif()
string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "|" ";" expect "${EXPECT}")
execute_process(COMMAND ${FVCELL} run ${CASE} -o ${OUT} ${args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(cmd "fvcell run ${CASE} ${args}")
if(NOT rc MATCHES "^[0-9]+$")
  message(FATAL_ERROR "${cmd}: crashed (${rc})\nstderr:\n${err}")
endif()
if(rc EQUAL 0)
  message(FATAL_ERROR "${cmd}: the bad option was accepted\nstdout:\n${out}")
endif()
string(REPLACE ";" "," err_nosemi "${err}")
string(REPLACE "\n" ";" lines "${err_nosemi}")
set(found "")
foreach(line IN LISTS lines)
  set(all 1)
  foreach(s IN LISTS expect)
    string(FIND "${line}" "${s}" pos)
    if(pos EQUAL -1)
      set(all 0)
    endif()
  endforeach()
  if(all)
    set(found "${line}")
    break()
  endif()
endforeach()
if(found STREQUAL "")
  message(FATAL_ERROR "${cmd}: no line of stderr holds all of \"${EXPECT}\":\n${err}")
endif()
message(STATUS "${cmd}: refused as expected: ${found}")
