# check_run_refused.cmake -- `fvcell run` of a case the thermal solver does not run (cooled y faces
# on a 1D mesh, a temperature in the protocol of an isothermal case) exits 1 with one line matching
# EXPECT, and writes no result file. ARGS: extra arguments, |-separated.
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND ${FVCELL} run ${CASE} ${args} -o thermal_refused.nc -quiet
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(STRIP "${err}" e)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "fvcell run ${CASE}: exit ${rc}, expected 1\n${out}\n${err}")
endif()
if(e MATCHES "\n" OR e MATCHES "PETSC ERROR" OR NOT e MATCHES "${EXPECT}")
  message(FATAL_ERROR "fvcell run ${CASE}: expected one line matching '${EXPECT}', got:\n${err}")
endif()
if(EXISTS thermal_refused.nc)
  message(FATAL_ERROR "fvcell run ${CASE}: wrote thermal_refused.nc")
endif()
message(STATUS "refused as expected: ${e}")
