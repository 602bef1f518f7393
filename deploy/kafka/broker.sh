#!/usr/bin/env bash
# The broker of docker-compose.yml, in the apache/kafka image: the image's own configuration step
# (server.properties from the KAFKA_* environment), then, on first start only, the KRaft storage
# formatted with one SCRAM-SHA-256 user per principal (`kafka-storage format --add-scram`, as
# shared/src/park_shared/testing/secure_kafka.py does on a development machine), then the broker.
#
#   SCRAM_PASSWORD_<PRINCIPAL>   one per principal: ADMIN (the super user) and each service, named
#                                in capitals with _ for - (SERVICE_CENTER is service-center)
#
# Passwords: letters, digits and . _ ~ - only (they are written into SCRAM and JAAS specs).
# Users are created at format time; on a broker with data, add one with kafka-configs.sh
# (docs/security.md, "Adding a Kafka principal").
set -euo pipefail
home="${PARK_KAFKA_HOME:-/opt/kafka}"           # where the image has Kafka (tests point these
scripts="${PARK_KAFKA_SCRIPTS:-/etc/kafka/docker}"  # at stand-ins: tests/deploy/test_compose.py)

export KAFKA_OPTS="${KAFKA_OPTS:-}"  # the image's configure asks for it with a SASL listener; JAAS is inline
bash "$scripts/configure"
config="$home/config/server.properties"

users=()
for var in $(compgen -e | grep '^SCRAM_PASSWORD_' || true); do
  password="${!var}"
  if [[ ! "$password" =~ ^[A-Za-z0-9._~-]{8,}$ ]]; then
    echo "$var: 8 or more of letters, digits and . _ ~ - please" >&2
    exit 1
  fi
  name=$(tr 'A-Z_' 'a-z-' <<<"${var#SCRAM_PASSWORD_}")
  users+=(--add-scram "SCRAM-SHA-256=[name=${name},password=${password}]")
done
if [[ -z "${SCRAM_PASSWORD_ADMIN:-}" ]]; then
  echo "SCRAM_PASSWORD_ADMIN is not set" >&2
  exit 1
fi

if [[ ! -f "${KAFKA_LOG_DIRS:?}/meta.properties" ]]; then
  # its standard output lists the SCRAM records (salted keys): kept out of the log
  "$home/bin/kafka-storage.sh" format --cluster-id "${CLUSTER_ID:?}" --config "$config" "${users[@]}" >/dev/null
fi

# the admin's client settings, for the health check and for an operator's kafka-*.sh --command-config
umask 077
cat >"$home/config/admin.properties" <<PROPERTIES
security.protocol=SASL_SSL
ssl.truststore.type=PEM
ssl.truststore.location=${PARK_KAFKA_SECRETS:-/etc/kafka/secrets}/ca.crt
sasl.mechanism=SCRAM-SHA-256
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${SCRAM_PASSWORD_ADMIN}";
PROPERTIES

exec "$home/bin/kafka-server-start.sh" "$config"
