#compdef catcli
# zsh completion for catcli, from: catcli completion zsh
# Save it as _catcli in a directory on $fpath (before compinit runs), or
# source it from ~/.zshrc after compinit.
#
# catcli is handed the words as zsh unquotes them and answers with a first
# line saying what to complete ("values" or "files"), then one value a line.
# compadd quotes each value for the line; nothing catcli prints is evaluated.
_catcli() {
    local -a reply
    reply=("${(@f)$(_CATCLI_COMPLETE=complete_zsh command catcli \
        "${(@Q)words[2,CURRENT-1]}" "${(Q)PREFIX}" 2>/dev/null)}")
    case ${reply[1]-} in
        (files) _files ;;
        (values) (( $#reply > 1 )) && compadd -U -- "${(@)reply[2,-1]}" ;;
        (*) return 1 ;;
    esac
}
if [[ ${zsh_eval_context[-1]-} == loadautofunc ]]; then
    _catcli "$@"
else
    compdef _catcli catcli
fi
