# Shared by the action's steps (sourced, not run): the confradar to run and
# the global arguments every step passes it, from the action's inputs.
#
#   CONFRADAR          the binary (default: confradar on PATH)
#   CONFRADAR_CONFIG   the radar file (default: radar.toml)
#   CONFRADAR_REPORTS  the reports folder, when the radar file's is not used

confradar=${CONFRADAR:-confradar}
global=(--config "${CONFRADAR_CONFIG:-radar.toml}")
if [ -n "${CONFRADAR_REPORTS:-}" ]; then
    global+=(--reports "$CONFRADAR_REPORTS")
fi
