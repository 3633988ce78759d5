from pyspark.sql import functions as F
result = spark.table("atomic.events").groupBy("app_id").agg(F.count("*").alias("n"))
result.write.saveAsTable("derived.app_counts")
