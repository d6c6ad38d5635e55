# fish completion for catcli, from: catcli completion fish
# Save it as ~/.config/fish/completions/catcli.fish, or pipe it into source.
#
# catcli is handed the words before the cursor (as fish unquotes them) and
# the one being typed, and answers with a first line saying what to complete
# ("values" or "files"), then one value a line. fish quotes each value for
# the line; nothing catcli prints is evaluated.
function __catcli_complete
    set -l token (commandline -ct)
    set -lx _CATCLI_COMPLETE complete_fish
    set -l reply (command catcli (commandline -opc)[2..-1] "$token" 2>/dev/null)
    switch "$reply[1]"
        case files
            __fish_complete_path "$token"
        case values
            set -q reply[2]; and printf '%s\n' $reply[2..-1]
    end
end
complete --command catcli --no-files --arguments '(__catcli_complete)'
