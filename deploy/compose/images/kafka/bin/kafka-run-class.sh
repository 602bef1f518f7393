#!/usr/bin/env bash
# kafka-run-class.sh MAIN_CLASS ARGS...: the JVM on the image's jars, as Kafka's own script runs it.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -Djava.awt.headless=true \
    -Dlog4j2.configurationFile=/opt/kafka/config/log4j2.xml ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "$@"
