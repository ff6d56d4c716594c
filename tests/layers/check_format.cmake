# Every C++ file of the project follows .clang-format (cmake -DROOT=<source dir>
# -DCLANG_FORMAT=<program> -P check_format.cmake). To fix a file: clang-format -i FILE.
cmake_minimum_required(VERSION 3.25)
file(GLOB_RECURSE sources ${ROOT}/engine/*.h ${ROOT}/engine/*.cpp ${ROOT}/model/*.h ${ROOT}/model/*.cpp
     ${ROOT}/ui/*.h ${ROOT}/ui/*.cpp ${ROOT}/app/*.h ${ROOT}/app/*.cpp ${ROOT}/tests/*.h ${ROOT}/tests/*.cpp)
list(FILTER sources EXCLUDE REGEX "/tests/layers/broken/")
execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${sources} RESULT_VARIABLE failed ERROR_VARIABLE report)
list(LENGTH sources n)
if(failed)
  message(FATAL_ERROR "not formatted as .clang-format says (run clang-format -i on these files):\n${report}")
endif()
message(STATUS "${n} files follow .clang-format")
