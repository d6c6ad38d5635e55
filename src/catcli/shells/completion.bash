# bash completion for catcli (bash 4 or later), from: catcli completion bash
# Save it as ~/.local/share/bash-completion/completions/catcli, or source it
# from ~/.bashrc.
#
# catcli reads the line up to the cursor itself and answers with a first
# line saying what to complete ("values" or "files"), then one value a line,
# already quoted for where the cursor is. Nothing it prints is evaluated.
_catcli() {
    local -a reply
    mapfile -t reply < <(
        _CATCLI_COMPLETE=complete_bash COMP_LINE=$COMP_LINE COMP_POINT=$COMP_POINT \
            COMP_WORDBREAKS=$COMP_WORDBREAKS command catcli 2>/dev/null
    )
    case ${reply[0]-} in
        files) compopt -o default; COMPREPLY=() ;;
        values) COMPREPLY=("${reply[@]:1}") ;;
        *) COMPREPLY=() ;;
    esac
}
complete -F _catcli catcli
