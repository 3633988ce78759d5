from pyspark.sql import functions as F
result = spark.table("atomic.events").filter(F.col("event") == "transaction").select("event_id", F.col("domain_sessionidx").cast("string").alias("idx"))
