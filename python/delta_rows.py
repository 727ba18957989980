"""Reads Delta tables with delta-rs (the `deltalake` package), an implementation independent of
Spark's, and prints, as one JSON document, each table's protocol, table properties and rows in a
canonical form that EmulatorPathIT compares with what Spark reads from the same tables.

Usage: python delta_rows.py <s3 endpoint URL> <table URI>...
Credentials and region come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION.

Canonical values (the Java side produces the same): null stays null; strings as they are;
booleans and integers as text; floating point as the exact decimal value of the binary number;
decimals as plain text with their scale; timestamps as microseconds since the epoch (UTC);
dates as days since the epoch; lists of strings as compact JSON arrays.
"""
import json
import os
import sys
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
from deltalake import DeltaTable


def canonical_column(column: pa.ChunkedArray) -> list:
    kind = column.type
    if pa.types.is_timestamp(kind):
        micros = pc.cast(column, pa.timestamp("us", tz=kind.tz)).cast(pa.int64())
        return [None if v is None else str(v) for v in micros.to_pylist()]
    if pa.types.is_date(kind):
        return [None if v is None else str(v) for v in column.cast(pa.int32()).to_pylist()]
    values = column.to_pylist()
    if pa.types.is_floating(kind):
        return [None if v is None else format(Decimal(v), "f") for v in values]
    if pa.types.is_decimal(kind):
        return [None if v is None else format(v, "f") for v in values]
    if pa.types.is_boolean(kind):
        return [None if v is None else ("true" if v else "false") for v in values]
    if pa.types.is_list(kind) and pa.types.is_string(kind.value_type):
        return [None if v is None else json.dumps(v, separators=(",", ":"), ensure_ascii=False)
                for v in values]
    if pa.types.is_integer(kind) or pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return [None if v is None else str(v) for v in values]
    raise SystemExit(f"delta_rows.py: no canonical form for column type {kind}")


def read(uri: str, options: dict) -> dict:
    table = DeltaTable(uri, storage_options=options)
    protocol = table.protocol()
    data = table.to_pyarrow_table()
    columns = [canonical_column(data.column(i)) for i in range(data.num_columns)]
    return {
        "version": table.version(),
        "protocol": {
            "minReaderVersion": protocol.min_reader_version,
            "minWriterVersion": protocol.min_writer_version,
            "readerFeatures": sorted(protocol.reader_features or []),
            "writerFeatures": sorted(protocol.writer_features or []),
        },
        "configuration": table.metadata().configuration,
        "columns": data.column_names,
        "rows": [list(row) for row in zip(*columns)] if columns else [],
    }


def main() -> None:
    endpoint, uris = sys.argv[1], sys.argv[2:]
    options = {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ALLOW_HTTP": "true",
        "AWS_REGION": os.environ.get("AWS_REGION", "eu-west-1"),
        "AWS_ACCESS_KEY_ID": os.environ["AWS_ACCESS_KEY_ID"],
        "AWS_SECRET_ACCESS_KEY": os.environ["AWS_SECRET_ACCESS_KEY"],
    }
    json.dump({uri: read(uri, options) for uri in uris}, sys.stdout)


if __name__ == "__main__":
    main()
