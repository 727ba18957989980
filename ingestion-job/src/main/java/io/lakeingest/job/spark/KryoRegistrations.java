package io.lakeingest.job.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Classes registered with Kryo, so serialized records carry a small id instead of a class
 * name. DataFrame shuffles use Spark's own row format, so this matters for the few object
 * paths (broadcast lookups, collected rows), not for the bulk of the data.
 */
public final class KryoRegistrations implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema.class);
    kryo.register(org.apache.spark.sql.catalyst.expressions.UnsafeRow.class);
    kryo.register(org.apache.spark.sql.types.StructType.class);
    kryo.register(org.apache.spark.sql.types.StructField.class);
    kryo.register(org.apache.spark.sql.types.StructField[].class);
    kryo.register(org.apache.spark.sql.types.Metadata.class);
    kryo.register(Object[].class);
    kryo.register(java.sql.Timestamp.class);
    kryo.register(java.math.BigDecimal.class);
  }
}
