#!/bin/sh
# The container's entrypoint: `survey-bot run` with the container's config, serving the
# knowledge base in $SURVEY_BOT_KNOWLEDGE (/knowledge) when it holds any YAML, else the
# bundled one. Arguments are passed on (e.g. --config /etc/survey-bot/webhook.yaml).
# exec: the bot is PID 1's child no more, so `docker stop` (SIGTERM) reaches it.
set -eu
config="${SURVEY_BOT_CONFIG:-/etc/survey-bot/config.yaml}"
knowledge="${SURVEY_BOT_KNOWLEDGE:-/knowledge}"
if [ -n "$(find "$knowledge" -maxdepth 3 \( -name '*.yaml' -o -name '*.yml' \) 2>/dev/null | head -n 1)" ]; then
    exec survey-bot run --config "$config" --knowledge "$knowledge" "$@"
fi
exec survey-bot run --config "$config" "$@"
