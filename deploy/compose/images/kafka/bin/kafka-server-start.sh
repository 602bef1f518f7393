#!/usr/bin/env bash
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$@"
