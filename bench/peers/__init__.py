"""The images and feed pages as a Django developer would build them with the two
alternatives they know: Django REST framework (`drf`) and strawberry-django
(`strawberry_schema`). Same selectors, authentication, Redis reads and thumbnail
URLs as the API; installed for the benchmark only (the `bench` extra)."""
