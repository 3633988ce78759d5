from pyspark.sql import functions as F
result = spark.table("atomic.events").groupBy("app_id").agg(F.count("*").alias("n"))
