CREATE TABLE `student` (
  `student_id` int(10) unsigned NOT NULL COMMENT 'university-wide ID number',
  `first_name` varchar(40) NOT NULL,
  `last_name` varchar(40) NOT NULL,
  `sex` enum('F','M','U') NOT NULL,
  `date_of_birth` date NOT NULL,
  `home_address` varchar(120) NOT NULL COMMENT 'mailing street address',
  `home_city` varchar(60) NOT NULL COMMENT 'mailing address',
  `home_state` char(2) NOT NULL COMMENT 'US state acronym: e.g. OH',
  `home_zip` char(10) NOT NULL COMMENT 'zipcode e.g. 93979-4979',
  `home_phone` varchar(20) NOT NULL COMMENT 'e.g. 414.657.6883x0881',
  PRIMARY KEY (`student_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `department` (
  `dept` varchar(6) NOT NULL COMMENT 'abbreviated department name, e.g. BIOL',
  `dept_name` varchar(200) NOT NULL COMMENT 'full department name',
  `dept_address` varchar(200) NOT NULL COMMENT 'mailing address',
  `dept_phone` varchar(20) NOT NULL,
  PRIMARY KEY (`dept`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `student_major` (
  `student_id` int(10) unsigned NOT NULL COMMENT 'university-wide ID number',
  `dept` varchar(6) NOT NULL COMMENT 'abbreviated department name, e.g. BIOL',
  `declare_date` date NOT NULL COMMENT 'when student declared her major',
  PRIMARY KEY (`student_id`),
  KEY `dept` (`dept`),
  CONSTRAINT `student_major_ibfk_1` FOREIGN KEY (`student_id`) REFERENCES `student` (`student_id`) ON UPDATE CASCADE,
  CONSTRAINT `student_major_ibfk_2` FOREIGN KEY (`dept`) REFERENCES `department` (`dept`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `course` (
  `dept` varchar(6) NOT NULL COMMENT 'abbreviated department name, e.g. BIOL',
  `course` int(10) unsigned NOT NULL COMMENT 'course number, e.g. 1010',
  `course_name` varchar(200) NOT NULL COMMENT 'e.g. "Neurobiology of Sensation and Movement."',
  `credits` decimal(3,1) NOT NULL COMMENT 'number of credits earned by completing the course',
  PRIMARY KEY (`dept`,`course`),
  CONSTRAINT `course_ibfk_1` FOREIGN KEY (`dept`) REFERENCES `department` (`dept`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `term` (
  `term_year` year(4) NOT NULL,
  `term` enum('Spring','Summer','Fall') NOT NULL,
  PRIMARY KEY (`term_year`,`term`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `section` (
  `dept` varchar(6) NOT NULL COMMENT 'abbreviated department name, e.g. BIOL',
  `course` int(10) unsigned NOT NULL COMMENT 'course number, e.g. 1010',
  `term_year` year(4) NOT NULL,
  `term` enum('Spring','Summer','Fall') NOT NULL,
  `section` char(1) NOT NULL,
  `auditorium` varchar(12) NOT NULL,
  PRIMARY KEY (`dept`,`course`,`term_year`,`term`,`section`),
  KEY `term_year` (`term_year`,`term`),
  CONSTRAINT `section_ibfk_1` FOREIGN KEY (`dept`, `course`) REFERENCES `course` (`dept`, `course`) ON UPDATE CASCADE,
  CONSTRAINT `section_ibfk_2` FOREIGN KEY (`term_year`, `term`) REFERENCES `term` (`term_year`, `term`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `current_term` (
  `omega` tinyint(4) NOT NULL DEFAULT 0,
  `term_year` year(4) NOT NULL,
  `term` enum('Spring','Summer','Fall') NOT NULL,
  PRIMARY KEY (`omega`),
  KEY `term_year` (`term_year`,`term`),
  CONSTRAINT `current_term_ibfk_1` FOREIGN KEY (`term_year`, `term`) REFERENCES `term` (`term_year`, `term`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `enroll` (
  `student_id` int(10) unsigned NOT NULL COMMENT 'university-wide ID number',
  `dept` varchar(6) NOT NULL COMMENT 'abbreviated department name, e.g. BIOL',
  `course` int(10) unsigned NOT NULL COMMENT 'course number, e.g. 1010',
  `term_year` year(4) NOT NULL,
  `term` enum('Spring','Summer','Fall') NOT NULL,
  `section` char(1) NOT NULL,
  PRIMARY KEY (`student_id`,`dept`,`course`,`term_year`,`term`,`section`),
  KEY `dept` (`dept`,`course`,`term_year`,`term`,`section`),
  CONSTRAINT `enroll_ibfk_1` FOREIGN KEY (`student_id`) REFERENCES `student` (`student_id`) ON UPDATE CASCADE,
  CONSTRAINT `enroll_ibfk_2` FOREIGN KEY (`dept`, `course`, `term_year`, `term`, `section`) REFERENCES `section` (`dept`, `course`, `term_year`, `term`, `section`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `#letter_grade` (
  `grade` char(2) NOT NULL,
  `points` decimal(3,2) NOT NULL,
  PRIMARY KEY (`grade`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE `grade` (
  `student_id` int(10) unsigned NOT NULL COMMENT 'university-wide ID number',
  `dept` varchar(6) NOT NULL COMMENT 'abbreviated department name, e.g. BIOL',
  `course` int(10) unsigned NOT NULL COMMENT 'course number, e.g. 1010',
  `term_year` year(4) NOT NULL,
  `term` enum('Spring','Summer','Fall') NOT NULL,
  `section` char(1) NOT NULL,
  `grade` char(2) NOT NULL,
  PRIMARY KEY (`student_id`,`dept`,`course`,`term_year`,`term`,`section`),
  KEY `grade` (`grade`),
  CONSTRAINT `grade_ibfk_1` FOREIGN KEY (`student_id`, `dept`, `course`, `term_year`, `term`, `section`) REFERENCES `enroll` (`student_id`, `dept`, `course`, `term_year`, `term`, `section`) ON UPDATE CASCADE,
  CONSTRAINT `grade_ibfk_2` FOREIGN KEY (`grade`) REFERENCES `#letter_grade` (`grade`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
