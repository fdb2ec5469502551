# check_run_refused.cmake -- `fvcell run` of a thermal case exits 1 with one line saying the thermal
# model is not solved yet, and writes no result file.
execute_process(COMMAND ${FVCELL} run ${CASE} -o thermal_refused.nc -quiet
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(STRIP "${err}" e)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "fvcell run ${CASE}: exit ${rc}, expected 1\n${out}\n${err}")
endif()
if(e MATCHES "\n" OR e MATCHES "PETSC ERROR" OR NOT e MATCHES "thermal.model: \"lumped\": expected isothermal")
  message(FATAL_ERROR "fvcell run ${CASE}: expected one line naming thermal.model, got:\n${err}")
endif()
if(EXISTS thermal_refused.nc)
  message(FATAL_ERROR "fvcell run ${CASE}: wrote thermal_refused.nc")
endif()
message(STATUS "refused as expected: ${e}")
