result = spark.sql("SELECT app_id FROM atomic.events")
