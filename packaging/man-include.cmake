# Writes the help2man include file of the man page: `awesome-ls check --help` as the section
# CHECK (verbatim), and where the documentation is installed.
#   cmake -DBINARY=awesome-ls -DOUTPUT=file -P man-include.cmake
execute_process(COMMAND ${BINARY} check --help OUTPUT_VARIABLE text COMMAND_ERROR_IS_FATAL ANY)
string(REPLACE "\\" "\\e" text "${text}")
# A line that starts with . or ' would be a roff request.
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
file(WRITE ${OUTPUT} "[CHECK]
.nf
${text}.fi

[SEE ALSO]
The documentation is in share/doc/awesome-ls/ beside the bin/ folder of awesome-ls
(/usr/share/doc/awesome-ls/ for the Debian package): README.md, cli.md (formats, config,
pre-commit), rules.md (every rule), format.md (the list format), editors.md (editor setup),
install.md. The JSON schema of .awesome-ls.json is share/awesome-ls/awesome-ls.schema.json.
")
