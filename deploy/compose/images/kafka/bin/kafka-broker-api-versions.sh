#!/usr/bin/env bash
exec /opt/kafka/bin/kafka-run-class.sh -XX:TieredStopAtLevel=1 org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
