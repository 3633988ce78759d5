from pyspark.sql import functions as F
result = spark.table("atomic.events").groupBy("app_id").agg(F.count("*").alias("n"))
result.write.mode("overwrite").saveAsTable("derived.app_counts")
