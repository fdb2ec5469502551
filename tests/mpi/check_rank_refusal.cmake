# check_rank_refusal.cmake -- bad input met by every rank of a multi-rank run is refused cleanly:
# exit status 1 (bad input), the one-line reason printed once, no PETSc traceback, and every rank
# through MPI_Finalize (mpiexec reports no rank that "exited improperly"; PETSc's default error
# handler used to make the ranks other than 0 sleep 10 s and exit without finalizing).
#
#   cmake -DMPIEXEC="mpiexec;--flag" -DNP=2 -DFVCELL=... -DARGS="run|case.yaml|-opt|value"
#         -DEXPECT="text" -P check_rank_refusal.cmake
foreach(v MPIEXEC NP FVCELL ARGS EXPECT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "check_rank_refusal.cmake: ${v} is required")
  endif()
endforeach()
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND ${MPIEXEC} -n ${NP} ${FVCELL} ${args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
set(cmd "mpiexec -n ${NP} fvcell ${args}")
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "${cmd}: exit status ${rc}, expected 1 (bad input)\n${all}")
endif()
string(REGEX MATCHALL "${EXPECT}" hits "${all}")
list(LENGTH hits nhits)
if(NOT nhits EQUAL 1)
  message(FATAL_ERROR "${cmd}: \"${EXPECT}\" printed ${nhits} times, expected once\n${all}")
endif()
foreach(bad "PETSC ERROR" "improperly" "MPI_ABORT")
  string(FIND "${all}" "${bad}" pos)
  if(NOT pos EQUAL -1)
    message(FATAL_ERROR "${cmd}: \"${bad}\" in the output\n${all}")
  endif()
endforeach()
message(STATUS "${cmd}: refused once, exit 1")
