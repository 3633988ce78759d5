from pyspark.sql import functions as F
result = spark.table("atomic.events").select("app_id")
